import ArgumentParser

/// `loggen`: writes culprit's sample scenarios, its benchmark corpus and a live stream.
@main
struct Loggen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loggen",
        abstract: "Write realistic service logs for culprit's samples, benchmarks and accuracy runs.",
        discussion: """
            Output is deterministic: the same version of loggen with the same \
            arguments writes byte-identical files.
            """,
        subcommands: [SamplesCommand.self, CollectCommand.self, BenchCommand.self, StreamCommand.self,
                      ScenariosCommand.self, ScoreCommand.self]
    )
}
