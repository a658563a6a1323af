import ArgumentParser
import CulpritExtract
import Foundation

struct PatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Show the pattern set, or run every pattern's examples.",
        subcommands: [List.self, Test.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the patterns in force (built-in plus --patterns).")

        @Option(name: .customLong("patterns"), help: ArgumentHelp("Extra pattern packs.", valueName: "DIR"))
        var patternDirectories: [String] = []

        @Flag(help: "Print only the regexes, one per line (for comparing with other tools).")
        var regexes = false

        func run() throws {
            let set: PatternSet
            do { set = try PatternSet.load(extraDirectories: patternDirectories) } catch { exitWithError(error.description) }
            if regexes {
                for definition in set.definitions { if let regex = definition.regex { print(regex) } }
                return
            }
            let idWidth = set.definitions.map(\.id.count).max() ?? 2
            for definition in set.definitions {
                let padded = definition.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                let kind = definition.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(padded)  \(kind)  \(definition.description.isEmpty ? definition.origin : definition.description)")
            }
            print("\(set.definitions.count) patterns")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every example of every pattern; name each failing pattern.",
            discussion: "With --line, show instead which patterns match that one line and what each takes from it (exit 1 when none does)."
        )

        @Argument(help: ArgumentHelp("A directory of packs to test on top of the built-in set.", valueName: "DIR"))
        var directory: String?

        @Option(help: ArgumentHelp("Show which patterns match this line and what they capture, instead of running the examples.", valueName: "TEXT"))
        var line: String?

        @Option(name: .customLong("tz"), help: ArgumentHelp("IANA zone for a time without an offset in --line.", valueName: "ZONE"))
        var timeZone: String = "UTC"

        func run() throws {
            let set: PatternSet
            do { set = try PatternSet.load(extraDirectories: directory.map { [$0] } ?? []) } catch { exitWithError(error.description) }
            if let line {
                guard let zone = TimeZone(identifier: timeZone) else { exitWithError("unknown time zone '\(timeZone)': use an IANA name such as Africa/Lagos or UTC") }
                let (text, matched) = PatternLineProbe(patterns: set, zone: zone).report(line)
                print(text, terminator: "")
                if !matched { throw ExitCode.failure }
                return
            }
            let (examples, failures) = PatternExampleRunner(patterns: set).run()
            for failure in failures { print(failure.description) }
            print("patterns: \(examples - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}
