/// Builds one randomized scenario folder: `logs/`, the change records,
/// `truth.json` (the answer and the arguments culprit needs), `args` (the same
/// arguments, one per line, for shell scripts) and a short `README.md`.
struct ScenarioBuilder {
    var seed: UInt64
    var index: Int
    var fault: FaultType

    /// The folder name: `NNN-<fault>`.
    var folder: String {
        let number = String(index)
        return String(repeating: "0", count: max(0, 3 - number.count)) + number + "-" + fault.rawValue
    }

    /// Writes the scenario under `root`; returns the folder written.
    @discardableResult
    func write(under root: String) throws -> String {
        var random = SplitMix64(named: fault.rawValue, salt: seed &* 1_000_003 &+ UInt64(index))
        let incident = IncidentDrawer(fault: fault).draw(using: &random)
        let path = root + "/" + folder
        let writer = ScenarioWriter(root: path)
        try writer.emptyRoot()
        let (outputs, nodes) = IncidentSimulator(incident: incident).run(using: &random)
        try TransportWriter(incident: incident, writer: writer).write(outputs, nodes: nodes, using: &random)
        let form = ChangeRecordForm.draw(for: incident, using: &random)
        var args = try ChangeRecordWriter(incident: incident, form: form, writer: writer).write(using: &random)
        let zoneless = incident.services.contains { $0.offset.seconds != 0 }
            || nodes.contains { $0.offset.seconds != 0 }
        if zoneless { args += ["--tz", incident.zone.name] }
        let truth = TruthFile(seed: seed, index: index, incident: incident, form: form, args: args)
        try writer.write("truth.json", Array(truth.json().utf8))
        try writer.write("args", Array(args.map { $0 + "\n" }.joined().utf8))
        try writer.write("README.md", Array(truth.readme(folder: folder).utf8))
        return path
    }
}
