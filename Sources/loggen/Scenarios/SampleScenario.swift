/// A scenario of `samples/`: a story told as log files, with the answer culprit
/// should give.
protocol SampleScenario: Sendable {
    /// The folder under `samples/`.
    var folder: String { get }
    /// Writes the scenario's files in memory; `random` is seeded from the folder name.
    func build(using random: inout SplitMix64) -> ScenarioFiles
}

/// Everything a scenario folder holds.
struct ScenarioFiles {
    /// The log files, paths relative to the scenario folder.
    var logs: [LogFile]
    /// The deploys file, when the scenario has one.
    var deploys: DeploysFile?
    var expected: ExpectedOutcome
    /// The scenario's README.md.
    var readme: String
}

/// A deploys file for `--deploys`: CSV or JSON Lines.
struct DeploysFile {
    enum Format { case csv, jsonLines }

    /// File name inside the scenario folder (`deploys.csv`, `deploys.jsonl`).
    var name: String
    var format: Format
    var records: [DeployRecord]

    func contents() -> [UInt8] {
        var buffer = LineBuffer()
        if format == .csv {
            buffer.append(DeployRecord.csvHeader)
            buffer.newline()
        }
        for record in records.sorted(by: { $0.time < $1.time }) {
            switch format {
            case .csv: record.writeCSV(to: &buffer)
            case .jsonLines: record.writeJSONLine(to: &buffer)
            }
            buffer.newline()
        }
        return buffer.bytes
    }
}
