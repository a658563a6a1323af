import ArgumentParser
import Foundation

/// `loggen score`: compares culprit's answers with the scenarios' truth.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score culprit's answers (culprit.json in each scenario folder) against truth.json.",
        discussion: """
            RIGHT: when a change is guilty, culprit's first suspect is that change (same service, \
            time within 3 minutes or the same version) and is likely or possible; when none is, no \
            suspect is likely. FALSE LIKELY: a likely suspect that is not the guilty change. A \
            folder whose culprit.json is missing or not JSON counts as wrong. Prints a table by \
            fault type, totals, and each wrong scenario with culprit's first suspect.
            """
    )

    @Argument(help: "Folders holding scenario folders (one per seed), or scenario folders.")
    var roots: [String]

    @Option(name: .long, help: "Also write the table as Markdown to FILE.")
    var markdown: String?

    func run() throws {
        var card = ScoreCard()
        for root in roots {
            for folder in try ScoreCard.scenarioFolders(under: root) {
                card.add(try ScenarioScore(folder: folder))
            }
        }
        print(card.table())
        print(card.failures())
        if let markdown {
            guard FileManager.default.createFile(atPath: markdown, contents: Data(card.markdownTable().utf8)) else {
                throw LoggenError.cannotWrite(markdown)
            }
        }
    }
}
