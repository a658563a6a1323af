import ArgumentParser

/// `loggen scenarios`: randomized incidents with ground truth, for `make eval`.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Write randomized incident scenarios, each with its right answer (truth.json).",
        discussion: """
            For each fault type, --count scenarios in OUT/NNN-<fault>/: logs/ (2-5 services, \
            each with a drawn runtime, logger format, transport, memory reporting and clock), \
            change records in a drawn form, truth.json (the guilty change or null, the innocent \
            changes, the culprit arguments), args (the same arguments one per line) and README.md. \
            The same seed writes the same files.
            """
    )

    @Option(name: .long, help: "Seed; each seed draws different incidents.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Scenarios per fault type.")
    var count: Int = 3

    @Option(name: .long, help: ArgumentHelp("Only these fault types (repeatable).", valueName: "FAULT"))
    var fault: [FaultType] = []

    @Option(name: .long, help: "The folder to write into (created if missing).")
    var out: String

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let faults = fault.isEmpty ? FaultType.allCases : fault
        var index = 0
        for round in 0..<count {
            for fault in faults {
                index += 1
                _ = round
                let path = try ScenarioBuilder(seed: seed, index: index, fault: fault).write(under: out)
                print(path)
            }
        }
    }
}
