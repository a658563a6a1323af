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

        Shell completions: culprit --generate-completion-script bash|zsh|fish
        """,
        version: CulpritVersion.string,
        subcommands: [AnalyzeCommand.self, WatchCommand.self, ReportCommand.self, ExtractCommand.self, PatternsCommand.self]
    )

    /// Runs the command, mapping bad usage to the contract's exit status 2
    /// (ArgumentParser's own default for validation errors is 64) and an output
    /// that could not be written to 3.
    static func main() {
        rejectMistypedSubcommand()
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

extension Culprit {
    /// `culprit anlyze …`: one line naming the subcommand meant, exit 2.
    static func rejectMistypedSubcommand(_ arguments: [String] = CommandLine.arguments) {
        guard arguments.count > 1 else { return }
        let word = arguments[1]
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word) else { return }
        if let meant = SubcommandSuggestion.suggestion(for: word, among: names) {
            exitWithError("unknown command '\(word)'; did you mean '\(meant)'? (see culprit --help)")
        }
        exitWithError("unknown command '\(word)': one of \(names.dropLast().joined(separator: ", ")) (see culprit --help)")
    }
}

enum CulpritVersion {
    static let string = "0.1.0"
}
