import ArgumentParser
import Foundation

/// `loggen collect`: a sample scenario's logs the way a log collector prints them.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write a sample scenario's logs as a log collector would hand them over.",
        discussion: """
            The same records as `loggen samples` writes, each line wrapped the way the tool \
            prints it (see --as). Writes OUT/logs/… and the scenario's deploys file; files \
            the tool would not collect (a host's syslog for container tools, a CI job log) \
            are written as they are. Deterministic, like `loggen samples`.
            """
    )

    @Argument(help: "The scenario folder name, e.g. 2025-03-12-auth-leak.")
    var scenario: String

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The collector's output: \(CollectedForm.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "FORM"))
    var form: CollectedForm

    @Option(name: .long, help: "The folder to write into (emptied first).")
    var out: String

    func run() throws {
        guard let scenario = SamplesCommand.scenarios.first(where: { $0.folder == self.scenario }) else {
            throw ValidationError("no scenario named \(self.scenario); one of: "
                + SamplesCommand.scenarios.map(\.folder).joined(separator: ", "))
        }
        var random = SplitMix64(named: scenario.folder)
        let files = scenario.build(using: &random)
        let writer = ScenarioWriter(root: out)
        try writer.emptyRoot()
        var hosts: [String: String] = [:]
        for file in files.logs {
            if let header = CollectedSource.hostLogHeader(of: file) { hosts[file.service] = header.host }
        }
        let sources = files.logs.map { CollectedSource(file: $0, hosts: hosts) }
        var collected: [CollectedSource] = []
        for source in sources {
            if source.isOutsideLogs || (source.isHostLog && !form.collectsHostLogs) {
                try writer.write(source.file.path, source.file.contents())
            } else {
                collected.append(source)
            }
        }
        switch form {
        case .kubectl, .kubectlPrefix:
            try writer.write("logs/kubectl.log", ContainerCollection.kubectl(collected, timestamps: form == .kubectl))
        case .docker:
            for source in collected { try writer.write(source.file.path, ContainerCollection.docker(source)) }
        case .journaldJSON, .journaldExport:
            var order: [String] = []
            var journals: [String: JournalCollection] = [:]
            for source in collected {
                if journals[source.host] == nil {
                    order.append(source.host)
                    journals[source.host] = JournalCollection(host: source.host)
                }
                if source.isHostLog {
                    journals[source.host]!.add(hostLog: source)
                } else {
                    journals[source.host]!.add(service: source, direct: form == .journaldExport)
                }
            }
            for host in order {
                let journal = journals[host]!
                if form == .journaldJSON {
                    try writer.write("logs/\(host).json", journal.json())
                } else {
                    try writer.write("logs/\(host).export", journal.export())
                }
            }
        case .otlp:
            try writer.write("logs/otlp.jsonl", OTLPCollection.export(collected))
        case .gcp:
            try writer.write("logs/cloud-logging.jsonl", CloudLoggingCollection.entries(collected))
        }
        if let deploys = files.deploys {
            try writer.write(deploys.name, deploys.contents())
        }
    }
}
