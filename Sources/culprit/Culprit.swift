import ArgumentParser
import CulpritOutput
import Foundation

@main
struct Culprit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "culprit",
        abstract: "Find the change that broke a service, from its logs.",
        discussion: """
        culprit reads service logs (files, folders, .gz, or - for a pipe), extracts memory \
        and error events with PCRE2 pattern packs, ties them to deploys, rollbacks and \
        restarts, and ranks the suspect changes with the log lines that prove it.
        """,
        version: CulpritVersion.string,
        subcommands: [AnalyzeCommand.self, WatchCommand.self, ReportCommand.self, ExtractCommand.self, PatternsCommand.self]
    )

    /// Runs the command, mapping bad usage to the contract's exit status 2
    /// (ArgumentParser's own default for validation errors is 64) and an output
    /// that could not be written to 3.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as OutputSink.Failure {
            exitWithError(failure.description, code: ExitCode.outputFailure.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // One line, like every other error: the usage is one `--help` away.
                let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
                FileHandle.standardError.write(Data(("culprit: " + line + " (see culprit --help)\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum CulpritVersion {
    static let string = "0.1.0"
}
