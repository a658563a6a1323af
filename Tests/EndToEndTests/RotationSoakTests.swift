import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A logging process and logrotate at once: numbered ERROR lines (each one an
/// `error` event for `extract`) at a few hundred per second, rotated several
/// times while `watch` follows them or `report --state` runs again and again.
/// Every line must be counted exactly once.
@Suite struct RotationSoakTests {
    enum Rotation: String, CustomTestStringConvertible, CaseIterable, Sendable {
        case rename, copyTruncate

        var testDescription: String { rawValue }
    }

    enum Target: String, CustomTestStringConvertible, CaseIterable, Sendable {
        case folder, file

        var testDescription: String { rawValue }
    }

    static let linesPerSecond = 400
    static let seconds = 5.0
    static let rotations = 5

    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("soak-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func target(_ target: Target, in directory: String) -> String {
        target == .folder ? directory : directory + "/app.log"
    }

    @Test(arguments: Rotation.allCases, Target.allCases)
    func watchCountsEveryRotatedLineExactlyOnce(rotation: Rotation, target: Target) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try RotatingLogWriter(path: directory + "/app.log", rotation: rotation)
        let watch = try MetricsWatch(arguments: ["watch", Self.target(target, in: directory), "--format", "ndjson", "--quiet"])
        defer { watch.stop() }
        let written = writer.run(linesPerSecond: Self.linesPerSecond, seconds: Self.seconds, rotations: Self.rotations)
        let settled = watch.waitUntil(seconds: 15) { $0["culprit_lines_read_total"] == Double(written) }
        // Long enough for two folder scans: a rotated file read again would show now.
        Thread.sleep(forTimeInterval: 4.5)
        let series = watch.scrape()
        #expect(settled, "lines read never reached \(written): \(series)")
        #expect(series["culprit_lines_read_total"] == Double(written), "\(rotation) of \(target): \(series)")
        #expect(series["culprit_events_in_window"] == Double(written), "\(rotation) of \(target): \(series)")
    }

    @Test(arguments: Rotation.allCases, Target.allCases)
    func repeatedStateReportsCountEveryRotatedLineExactlyOnce(rotation: Rotation, target: Target) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logs = directory + "/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let writer = try RotatingLogWriter(path: logs + "/app.log", rotation: rotation)
        let arguments = ["report", "--state", directory + "/state", "--format", "json", "--quiet", Self.target(target, in: logs)]
        let done = Flag()
        let thread = Thread { _ = writer.run(linesPerSecond: Self.linesPerSecond, seconds: Self.seconds, rotations: Self.rotations); done.set() }
        thread.start()
        var runs = 0
        while !done.isSet {
            let counted = try Self.report(arguments)
            // A run may land between a rename and the new file's creation: the next one reads it.
            if let counted { #expect(counted <= writer.written, "run \(runs) counted \(counted) of \(writer.written) written") }
            runs += 1
            Thread.sleep(forTimeInterval: 0.3)
        }
        let counted = try Self.report(arguments)
        #expect(runs >= 5, "only \(runs) runs while writing")
        #expect(counted == writer.written, "\(rotation) of \(target) over \(runs + 1) runs")
    }

    /// Runs `report` and returns the events it counted, nil when the input was missing.
    static func report(_ arguments: [String]) throws -> Int? {
        let result = try CulpritBinary.run(arguments)
        if result.status == 2, result.stderr.contains("no such file") { return nil }
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        return json?["events"] as? Int
    }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Writes `2025-03-12T01:00:00.000Z ERROR request failed id=N` lines through an
/// O_APPEND descriptor, and rotates the file the way logrotate does.
///
/// Rename: `app.log.k` → `app.log.k+1`, `app.log` → `app.log.1`, a new
/// `app.log` created (logrotate's `create`), a few more lines written to the
/// renamed file before the writer reopens (as a process does until its HUP).
/// Copytruncate: the file copied to `app.log.1` and emptied in place; the writer
/// keeps its descriptor. No line is written between the copy and the truncation
/// (logrotate's own unavoidable loss), so every line written exists in some file.
final class RotatingLogWriter: @unchecked Sendable {
    // @unchecked: `written` is guarded by `lock`; the rest is touched by the writing thread only.
    let path: String
    let rotation: RotationSoakTests.Rotation
    private var descriptor: Int32
    private var rotated = 0
    private let lock = NSLock()
    private var count = 0

    init(path: String, rotation: RotationSoakTests.Rotation) throws {
        self.path = path
        self.rotation = rotation
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
    }

    var written: Int { lock.withLock { count } }

    /// Writes for `seconds` at `linesPerSecond`, rotating `rotations` times evenly; returns the lines written.
    func run(linesPerSecond: Int, seconds: Double, rotations: Int) -> Int {
        let start = Date()
        let total = Int(Double(linesPerSecond) * seconds)
        let rotateEvery = total / (rotations + 1)
        for _ in 0..<total {
            let next = written + 1
            writeLine(next)
            if next % rotateEvery == 0, rotated < rotations { rotate() }
            let due = start.addingTimeInterval(Double(next) / Double(linesPerSecond))
            let wait = due.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
        close(descriptor)
        return written
    }

    private func writeLine(_ number: Int) {
        // 10 ms of log time per line: a few thousand lines stay well inside watch's 6 h window.
        let milliseconds = number * 10
        let time = String(format: "2025-03-12T01:%02d:%02d.%03dZ", milliseconds / 60_000, milliseconds / 1000 % 60, milliseconds % 1000)
        let line = Array("\(time) ERROR request failed id=\(number)\n".utf8)
        let sent = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        precondition(sent == line.count, "short write to \(path)")
        lock.withLock { count = number }
    }

    private func rotate() {
        rotated += 1
        for generation in stride(from: rotated, to: 0, by: -1) {
            rename("\(path).\(generation)", "\(path).\(generation + 1)")
        }
        switch rotation {
        case .rename:
            rename(path, path + ".1")
            close(open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644))
            for _ in 0..<3 { writeLine(written + 1) }
            close(descriptor)
            descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        case .copyTruncate:
            let content = FileManager.default.contents(atPath: path) ?? Data()
            _ = FileManager.default.createFile(atPath: path + ".1", contents: content)
            truncate(path, 0)
        }
    }
}
