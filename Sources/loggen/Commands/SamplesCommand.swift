import ArgumentParser
import Foundation

/// `loggen samples`: writes every scenario folder of `samples/`.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Write the sample scenarios (logs, deploys, expected.json, README.md).",
        discussion: "Each scenario folder under --out is replaced; other files there are left alone."
    )

    @Option(name: .long, help: "The samples directory to write into.")
    var out: String = "samples"

    @Option(name: .customLong("list-events"), help: ArgumentHelp(
        "Also write FILE: one line per record that must yield events (PATH:LINE SERVICE KIND…), "
            + "to compare with `culprit extract`'s refs.", valueName: "FILE"))
    var listEvents: String?

    /// Every scenario, in the order the samples README lists them.
    static let scenarios: [any SampleScenario] = [
        AuthLeakScenario(),
        TwoDeploysOneLeakScenario(),
        PreexistingLeakScenario(),
        JVMGCOnlyScenario(),
        ErrorRegressionScenario(),
        NewWarningScenario(),
    ]

    func run() throws {
        let writer = ScenarioWriter(root: out)
        var eventLines: [String] = []
        for scenario in Self.scenarios {
            let bytes = try writer.write(scenario, eventLines: &eventLines)
            print("\(out)/\(scenario.folder): \(bytes) bytes")
        }
        try writer.writeIndex(Self.index)
        if let listEvents {
            let text = eventLines.map { $0 + "\n" }.joined()
            guard FileManager.default.createFile(atPath: listEvents, contents: Data(text.utf8)) else {
                throw LoggenError.cannotWrite(listEvents)
            }
        }
    }

    /// `samples/README.md`.
    static let index = """
        # Sample scenarios

        One folder per scenario: `logs/` (one folder per service), a deploys file where
        the scenario has one, `expected.json` (what culprit should conclude, and how many
        events of each kind loggen wrote per service) and a `README.md` telling the story.

        | folder | story | culprit should say |
        |---|---|---|
        | `2025-03-12-auth-leak/` | the outage culprit was created from: auth-service 2.3.1 leaks memory, the edge returns 503s, the database slows | auth-service 2.3.1 deploy, likely (`--tz Africa/Lagos`) |
        | `two-deploys-one-leak/` | checkout and search deployed four minutes apart, only checkout leaks | checkout 4.1.0 deploy, likely |
        | `preexisting-leak/` | report-worker leaks from the first line; billing-api's deploy is innocent | no likely suspect |
        | `jvm-gc-only/` | a JVM heap leak visible only in the GC log, ending in OutOfMemoryError | ledger 5.2.0 deploy, likely |
        | `error-regression/` | payments 3.8.0 (Helm) raises HTTP 500s, memory flat | payments 3.8.0 deploy, likely |
        | `new-warning-message/` | auth-service 2.8.0 logs a new WARN message 4 times a minute, nothing else changes; catalog deployed 4 min earlier | auth-service 2.8.0 deploy, likely |

        The files are generated, not hand-written: `swift run loggen samples --out samples`
        rewrites every scenario folder, byte for byte the same. Change the scenarios in
        `Sources/loggen/Scenarios/`, not here.

        """
}
