import Foundation
import CulpritModel

/// `--exec CMD`: runs CMD (through `/bin/sh -c`) once per alert with the alert's
/// JSON on standard input, one at a time in the background, so a slow or failing
/// command never stalls the stream. Each run is killed after `timeout` seconds;
/// failures are reported as warnings; beyond `queueLimit` waiting alerts, new
/// ones are dropped (and counted) rather than piling up without bound.
package final class AlertCommandRunner: @unchecked Sendable {
    // @unchecked: `pending` is guarded by `lock`; runs happen on `queue`, one at a time.
    package let command: String
    package let timeout: TimeInterval
    package let queueLimit: Int
    private let diagnostics: Diagnostics
    private let queue = DispatchQueue(label: "culprit.exec")
    private let lock = NSLock()
    private var pending = 0
    private let group = DispatchGroup()

    package init(command: String, timeout: TimeInterval = 10, queueLimit: Int = 100, diagnostics: Diagnostics) {
        self.command = command
        self.timeout = timeout
        self.queueLimit = queueLimit
        self.diagnostics = diagnostics
    }

    package func submit(_ alert: Alert) {
        let accepted = lock.withLock { () -> Bool in
            guard pending < queueLimit else { return false }
            pending += 1
            return true
        }
        guard accepted else {
            diagnostics.warn("--exec: \(queueLimit) alerts already waiting; dropped the \(alert.kind.rawValue) alert for \(alert.service)")
            return
        }
        let payload = Data(alert.json.rendered(pretty: false).utf8 + [0x0A])
        group.enter()
        queue.async { [self] in
            defer {
                lock.withLock { pending -= 1 }
                group.leave()
            }
            run(payload, label: "\(alert.kind.rawValue) alert for \(alert.service)")
        }
    }

    /// Waits up to `seconds` for queued commands to finish (at exit).
    package func drain(seconds: TimeInterval) {
        _ = group.wait(timeout: .now() + seconds)
    }

    private func run(_ payload: Data, label: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.standardError
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            diagnostics.warn("--exec: cannot run '\(command)': \(error)")
            return
        }
        try? input.fileHandleForWriting.write(contentsOf: payload)
        try? input.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            diagnostics.warn("--exec: '\(command)' took over \(Int(timeout)) s for the \(label); stopped it")
            return
        }
        if process.terminationStatus != 0 {
            diagnostics.warn("--exec: '\(command)' exited \(process.terminationStatus) for the \(label)")
        }
    }
}
