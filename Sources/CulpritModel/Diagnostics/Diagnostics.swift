import Foundation

/// Warnings about input, printed to stderr one line each (`path:line: message`)
/// as they happen, and counted for the summary and the exit status.
public final class Diagnostics: @unchecked Sendable {
    // @unchecked: guarded by `lock`; warnings may come from a follower thread.
    private let lock = NSLock()
    /// Warnings given so far.
    public private(set) var warningCount = 0
    /// Inputs that could not be read at all, so far.
    public private(set) var errorCount = 0
    /// Print nothing but errors (`--quiet`); warnings are still counted.
    public var quiet: Bool
    private let printer: @Sendable (String) -> Void

    /// Diagnostics printed by `printer` (standard error unless given).
    public init(quiet: Bool = false, printer: @escaping @Sendable (String) -> Void = Diagnostics.printToStandardError) {
        self.quiet = quiet
        self.printer = printer
    }

    /// Something was skipped or cut, but the run goes on.
    public func warn(_ message: String) {
        lock.withLock { warningCount += 1 }
        if !quiet { printer("culprit: warning: " + message) }
    }

    /// An input could not be read at all.
    public func error(_ message: String) {
        lock.withLock { errorCount += 1 }
        printer("culprit: " + message)
    }

    /// Writes one line to standard error, unbuffered.
    public static let printToStandardError: @Sendable (String) -> Void = { message in
        var line = message + "\n"
        line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }
}

extension Diagnostics {
    /// After a run that warned: how many problems, and how much was read anyway.
    public func summarize(linesRead: Int, filesRead: Int) {
        let problems = warningCount + errorCount
        guard problems > 0 else { return }
        note("\(problems) warning\(problems == 1 ? "" : "s"); \(linesRead) lines read from \(filesRead) file\(filesRead == 1 ? "" : "s")")
    }

    /// A closing summary line (not counted as a warning).
    public func note(_ message: String) {
        if !quiet { Diagnostics.printToStandardError("culprit: " + message) }
    }
}
