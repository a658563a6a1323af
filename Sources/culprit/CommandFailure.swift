import ArgumentParser
import CulpritIngest
import CulpritOutput
import Foundation

/// A run that cannot go on: one line on stderr, then the contract's exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode
    var description: String { message }
}

extension ExitCode {
    /// Bad usage or unreadable input.
    static let usage = ExitCode(2)
    /// The output could not be written (disk full, file too large, no
    /// permission, a state directory that cannot be saved): the run's result is lost.
    static let outputFailure = ExitCode(3)
    /// `--fail-on no-data`: the window held no log line, or nothing read was recognised.
    static let noData = ExitCode(4)
}

/// Prints `culprit: message` on stderr and exits with `code`.
func exitWithError(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data(("culprit: " + message + "\n").utf8))
    exit(code)
}

/// Opens where a command writes: standard output, or `-o FILE` atomically.
/// A FILE that is one of the inputs is refused (exit 2) — the report would
/// replace the log it was made from — and one that cannot be created exits 3.
func openOutput(_ path: String?, inputs: [InputFile]) -> OutputSink {
    guard let path else { return OutputSink() }
    if let input = InputIdentity.matching(path, among: inputs) {
        exitWithError("-o \(path) is the input \(input.displayPath): write the output to another file")
    }
    do { return try OutputSink(path: path) } catch { exitWithError(error.description, code: ExitCode.outputFailure.rawValue) }
}
