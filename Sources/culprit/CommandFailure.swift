import ArgumentParser
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
}

/// Prints `culprit: message` on stderr and exits with `code`.
func exitWithError(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data(("culprit: " + message + "\n").utf8))
    exit(code)
}
