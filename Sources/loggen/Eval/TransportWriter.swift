/// Writes each service's streams the way its transport hands them over: its own
/// files, kubelet's CRI files, one `kubectl logs` file for the cluster, `docker
/// logs -t` or the json-file driver, the host's journal or syslog. Only records
/// inside the incident's window are written.
struct TransportWriter {
    var incident: IncidentPlan
    var writer: ScenarioWriter

    func write(_ outputs: [IncidentSimulator.ServiceOutput], nodes: [NodeLog], using random: inout SplitMix64) throws {
        var kubectl: [CollectedSource] = []
        for output in outputs {
            let plan = output.plan
            for file in output.sideFiles { try writePlain(clipped(file)) }
            let streams = output.streams.map(clipped)
            switch plan.transport {
            case .plain:
                for file in streams { try writePlain(file) }
            case .cri:
                try writeCRI(plan, merged(streams, plan: plan), using: &random)
            case .kubectl:
                // One source per pod: a rollout starts a new pod, a crash restarts the same one.
                let runs = podRuns(plan, using: &random)
                var perPod: [String: LogFile] = [:]
                var order: [String] = []
                for record in merged(streams, plan: plan).records() {
                    let run = runs.last { $0.start <= record.time } ?? runs[0]
                    if perPod[run.pod] == nil {
                        order.append(run.pod)
                        perPod[run.pod] = LogFile(path: "logs/\(plan.name)/\(run.pod).log", service: plan.name)
                    }
                    perPod[run.pod]!.add(at: record.time) { $0.append(bytes: Array(record.bytes.dropLast())) }
                }
                for pod in order { kubectl.append(CollectedSource(file: perPod[pod]!, hosts: [:])) }
            case .dockerText:
                let source = CollectedSource(file: merged(streams, plan: plan), hosts: [:])
                try writer.write("logs/\(plan.name).log", ContainerCollection.docker(source))
            case .dockerJSON:
                var ids = SplitMix64(named: plan.name, salt: 0x646f636b)
                let id = ids.hex(64)
                try writer.write("logs/\(plan.name)/\(id)-json.log", dockerJSON(merged(streams, plan: plan)))
            case .journaldShortISO:
                try writer.write("logs/\(plan.host)/journal.txt", hostLines(plan, merged(streams, plan: plan), rfc5424: false))
            case .journaldExport:
                var journal = JournalCollection(host: plan.host)
                journal.add(service: CollectedSource(file: merged(streams, plan: plan), hosts: [plan.name: plan.host]),
                            direct: true)
                try writer.write("logs/\(plan.host).export", journal.export())
            case .journaldJSON:
                var journal = JournalCollection(host: plan.host)
                journal.add(service: CollectedSource(file: merged(streams, plan: plan), hosts: [plan.name: plan.host]),
                            direct: false)
                try writer.write("logs/\(plan.host).json", journal.json())
            case .syslog3164:
                try writer.write("logs/\(plan.host)/syslog", hostLines(plan, merged(streams, plan: plan), rfc5424: nil))
            case .syslog5424:
                try writer.write("logs/\(plan.host)/messages.log", hostLines(plan, merged(streams, plan: plan), rfc5424: true))
            }
        }
        if !kubectl.isEmpty {
            try writer.write("logs/kubectl-logs.txt", ContainerCollection.kubectl(kubectl, timestamps: true))
        }
        for node in nodes { try writePlain(clipped(node.file)) }
    }

    private func writePlain(_ file: LogFile) throws {
        let bytes = file.contents()
        guard !bytes.isEmpty else { return }
        try writer.write(file.path, bytes)
    }

    /// `file` without the records outside the window.
    private func clipped(_ file: LogFile) -> LogFile {
        let copy = LogFile(path: file.path, service: file.service)
        for record in file.records() where record.time >= incident.start && record.time < incident.end {
            copy.add(at: record.time) { $0.append(bytes: Array(record.bytes.dropLast())) }
        }
        return copy
    }

    /// A container's output: all of its streams in one, in time order.
    private func merged(_ streams: [LogFile], plan: ServicePlan) -> LogFile {
        if streams.count == 1 { return streams[0] }
        let copy = LogFile(path: "logs/\(plan.name)/\(plan.name).log", service: plan.name)
        for stream in streams {
            for record in stream.records() {
                copy.add(at: record.time) { $0.append(bytes: Array(record.bytes.dropLast())) }
            }
        }
        return copy
    }

    /// One CRI file per container run: a rollout starts a new pod, a crash a new
    /// numbered file in the same pod's folder.
    /// The pods a service's process lifetimes ran in: a rollout starts a new pod
    /// (a new name and uid), an OOM kill restarts the container in the same pod
    /// (the next restart number).
    private func podRuns(_ plan: ServicePlan, using random: inout SplitMix64)
        -> [(pod: String, uid: String, restart: Int, start: LogInstant)] {
        var runs: [(pod: String, uid: String, restart: Int, start: LogInstant)] = []
        var pod = KubernetesPod.name(plan.name, using: &random)
        var uid = TrafficCatalog.uuid(using: &random)
        var restart = 0
        for (index, life) in plan.lifetimes.enumerated() {
            if index > 0 {
                if plan.lifetimes[index - 1].ending == .oomKilled {
                    restart += 1
                } else {
                    pod = KubernetesPod.name(plan.name, using: &random)
                    uid = TrafficCatalog.uuid(using: &random)
                    restart = 0
                }
            }
            runs.append((pod, uid, restart, life.start))
        }
        if runs.isEmpty { runs.append((pod, uid, 0, incident.start)) }
        return runs
    }

    private func writeCRI(_ plan: ServicePlan, _ file: LogFile, using random: inout SplitMix64) throws {
        let runs = podRuns(plan, using: &random).map { run in
            (path: "logs/pods/prod_\(run.pod)_\(run.uid)/\(plan.name)/\(run.restart).log", start: run.start)
        }
        var buffers: [String: LineBuffer] = [:]
        var order: [String] = []
        for record in file.records() {
            let run = runs.last { $0.start <= record.time } ?? runs[0]
            if buffers[run.path] == nil { order.append(run.path); buffers[run.path] = LineBuffer() }
            for (index, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                // The Go runtime's gctrace and nginx's error log go to stderr; the rest to stdout.
                let stderr = line.starts(with: Array("gc ".utf8))
                    || (line.count > 11 && line[4] == UInt8(ascii: "/") && line[7] == UInt8(ascii: "/") && line[10] == 0x20)
                buffers[run.path]!.appendISO8601(CollectedSource.stamp(record.time, line: index), offset: .utc,
                                                 fractionDigits: 9, offsetStyle: .zulu)
                buffers[run.path]!.append(stderr ? " stderr F " : " stdout F ")
                buffers[run.path]!.append(bytes: line)
                buffers[run.path]!.newline()
            }
        }
        for path in order { try writer.write(path, buffers[path]!.bytes) }
    }

    private func dockerJSON(_ file: LogFile) -> [UInt8] {
        var buffer = LineBuffer()
        for record in file.records() {
            for (index, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                DockerJSONFileLine.write(line, stream: "stdout", time: CollectedSource.stamp(record.time, line: index),
                                         to: &buffer)
                buffer.newline()
            }
        }
        return buffer.bytes
    }

    /// The service's lines as its host's log shows them: `journalctl -o short-iso`
    /// (rfc5424 false), RFC 5424 (true) or RFC 3164 (nil).
    private func hostLines(_ plan: ServicePlan, _ file: LogFile, rfc5424: Bool?) -> [UInt8] {
        var buffer = LineBuffer()
        let pid = plan.lifetimes.first?.pid ?? 1
        for record in file.records() {
            let pidNow = plan.lifetime(at: record.time)?.pid ?? pid
            for (index, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                let time = CollectedSource.stamp(record.time, line: index)
                let message = String(decoding: line, as: UTF8.self)
                switch rfc5424 {
                case false?:
                    JournaldShortISOLine(time: time, offset: plan.offset, host: plan.host, identifier: plan.name,
                                         pid: pidNow, message: message).write(to: &buffer)
                case true?:
                    let error = message.contains("ERROR") || message.contains("\"level\":50") || message.contains("level=error")
                    Syslog5424Line(time: time, offset: plan.offset, priority: error ? 11 : 14, host: plan.host,
                                   appName: plan.name, procID: pidNow, message: message).write(to: &buffer)
                case nil:
                    SyslogLine(time: time, offset: plan.offset, host: plan.host, tag: "\(plan.name)[\(pidNow)]",
                               message: message).write(to: &buffer)
                }
                buffer.newline()
            }
        }
        return buffer.bytes
    }
}
