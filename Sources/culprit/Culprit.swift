import ArgumentParser
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
    /// (ArgumentParser's own default for validation errors is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum CulpritVersion {
    static let string = "0.1.0"
}
