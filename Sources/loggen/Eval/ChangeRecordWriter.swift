/// Writes an incident's changes in a drawn form, with older history around
/// them, and returns the `--deploys` arguments that name the files.
struct ChangeRecordWriter {
    var incident: IncidentPlan
    var form: ChangeRecordForm
    var writer: ScenarioWriter

    /// A change with history: the incident's own, and older ones of the same services.
    private struct Row {
        var service: String
        var version: String
        var kind: ChangeEvent.Kind
        var time: LogInstant
        var sha: String
        var actor: String
    }

    func write(using random: inout SplitMix64) throws -> [String] {
        var rows: [Row] = incident.changes.map {
            Row(service: $0.service, version: $0.version, kind: $0.kind, time: $0.time, sha: $0.sha, actor: $0.actor)
        }
        // Older deploys of the apps: days before, leading up to the versions
        // running as the logs begin.
        for plan in incident.services where plan.role == .app {
            var time = incident.start.adding(seconds: -random.double(in: 8...40) * 3_600)
            var version = plan.initialVersion
            for _ in 0..<random.int(in: 1...3) {
                rows.append(Row(service: plan.name, version: version, kind: .deploy, time: time, sha: random.hex(40),
                                actor: random.pick(["ci-bot", "deploy-bot", "github-actions[bot]"])))
                version = Self.previous(version)
                time = time.adding(seconds: -random.double(in: 20...200) * 3_600)
            }
        }
        rows.sort { $0.time < $1.time }
        let offset = random.chance(0.7) ? UTCOffset.utc : incident.zone.offset
        switch form {
        case .csv: return try writeCSV(rows, offset: offset, using: &random)
        case .jsonLines: return try writeJSONLines(rows, offset: offset, using: &random)
        case .helmHistory: return try writeHelm(rows, using: &random)
        case .argoCD: return try writeArgo(rows, using: &random)
        case .kubernetesEvents: return try writeEvents(rows, using: &random)
        case .githubDeployments: return try writeGitHub(rows, using: &random)
        case .ciLog: return try writeCILog(rows.filter { $0.time >= incident.start.adding(seconds: -600) }, using: &random)
        }
    }

    private static func previous(_ version: String) -> String {
        var parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 3 else { return version + "-prev" }
        if parts[2] > 0 { parts[2] -= 1 } else if parts[1] > 0 { parts[1] -= 1; parts[2] = 4 } else { parts[0] -= 1 }
        return parts.map(String.init).joined(separator: ".")
    }

    private func rfc3339(_ time: LogInstant, offset: UTCOffset, digits: Int = 0) -> String {
        var buffer = LineBuffer()
        buffer.appendISO8601(time, offset: offset, fractionDigits: digits, offsetStyle: offset.seconds == 0 ? .zulu : .colon)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private func json(_ text: String) -> String {
        var buffer = LineBuffer()
        buffer.appendJSONString(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    // MARK: CSV and JSON Lines

    private func writeCSV(_ rows: [Row], offset: UTCOffset, using random: inout SplitMix64) throws -> [String] {
        let timeName = random.pick(["time", "time", "timestamp"])
        let kindName = random.pick(["kind", "kind", "type"])
        var columns = [timeName, "service", "version", kindName]
        if random.chance(0.6) { columns.append(random.pick(["sha", "commit"])) }
        if random.chance(0.6) { columns.append(random.pick(["actor", "user"])) }
        if random.chance(0.3) { columns.append("environment") }
        if random.chance(0.3) { columns.append("notes") }
        // Column order: time first most often, else shuffled.
        if random.chance(0.4) {
            for index in stride(from: columns.count - 1, to: 0, by: -1) {
                columns.swapAt(index, random.below(index + 1))
            }
        }
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            let cells = columns.map { column -> String in
                switch column {
                case timeName: return rfc3339(row.time, offset: offset)
                case "service": return row.service
                case "version": return row.version
                case kindName: return row.kind.rawValue
                case "sha", "commit": return row.sha
                case "actor", "user": return row.actor
                case "environment": return "production"
                default:
                    return row.kind == .config ? "\"tuned pool, timeouts\"" : "\"release \(row.version), see changelog\""
                }
            }
            text += cells.joined(separator: ",") + "\n"
        }
        try writer.write("deploys.csv", Array(text.utf8))
        return ["--deploys", "deploys.csv"]
    }

    private func writeJSONLines(_ rows: [Row], offset: UTCOffset, using random: inout SplitMix64) throws -> [String] {
        let withSha = random.chance(0.5)
        var text = ""
        for row in rows {
            var line = "{\"time\":\(json(rfc3339(row.time, offset: offset))),\"service\":\(json(row.service)),"
                + "\"version\":\(json(row.version)),\"kind\":\(json(row.kind.rawValue))"
            if withSha { line += ",\"sha\":\(json(row.sha)),\"actor\":\(json(row.actor))" }
            text += line + "}\n"
        }
        try writer.write("changes.jsonl", Array(text.utf8))
        return ["--deploys", "changes.jsonl"]
    }

    // MARK: Helm

    private func writeHelm(_ rows: [Row], using random: inout SplitMix64) throws -> [String] {
        var args: [String] = []
        for service in Set(rows.map(\.service)).sorted() {
            let own = rows.filter { $0.service == service }
            let chartVersion = "\(random.int(in: 0...3)).\(random.int(in: 1...20)).\(random.int(in: 0...9))"
            var entries: [String] = []
            for (index, row) in own.enumerated() {
                let status = index == own.count - 1 ? "deployed" : "superseded"
                let description = index == 0 ? "Install complete" : "Upgrade complete"
                entries.append("{\"revision\":\(index + 1),\"updated\":\(json(rfc3339(row.time.adding(seconds: random.double(in: 20...90)), offset: .utc, digits: 9))),\"status\":\"\(status)\",\"chart\":\(json("\(service)-\(chartVersion)")),\"app_version\":\(json(row.version)),\"description\":\"\(description)\"}")
            }
            let named = random.chance(0.5)
            let path = named ? "history-\(random.token(4)).json" : "\(service).helm.json"
            try writer.write(path, Array(("[" + entries.joined(separator: ",") + "]\n").utf8))
            args += ["--deploys", named ? "\(service)=\(path)" : path]
        }
        return args
    }

    // MARK: Argo CD

    private func writeArgo(_ rows: [Row], using random: inout SplitMix64) throws -> [String] {
        var args: [String] = []
        for service in Set(rows.map(\.service)).sorted() {
            let own = rows.filter { $0.service == service }
            let repo = "https://github.com/example/\(service)-deploy.git"
            var history: [String] = []
            for (index, row) in own.enumerated() {
                let started = rfc3339(row.time, offset: .utc)
                let deployed = rfc3339(row.time.adding(seconds: random.double(in: 15...120)), offset: .utc)
                history.append("{\"deployStartedAt\":\(json(started)),\"deployedAt\":\(json(deployed)),\"id\":\(index + 1),\"initiatedBy\":{\"automated\":true},\"revision\":\(json(row.sha)),\"source\":{\"helm\":{\"parameters\":[{\"name\":\"image.tag\",\"value\":\(json(row.version))}]},\"path\":\"charts/\(service)\",\"repoURL\":\(json(repo)),\"targetRevision\":\"HEAD\"}}")
            }
            let last = own.last!
            let text = """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":\(json(service)),"namespace":"argocd","uid":\(json(TrafficCatalog.uuid(using: &random)))},"spec":{"destination":{"namespace":"prod","server":"https://kubernetes.default.svc"},"project":"default","source":{"helm":{"parameters":[{"name":"image.tag","value":\(json(last.version))}]},"path":"charts/\(service)","repoURL":\(json(repo)),"targetRevision":"HEAD"},"syncPolicy":{"automated":{"prune":true,"selfHeal":true}}},"status":{"health":{"status":"Healthy"},"history":[\(history.joined(separator: ","))],"sync":{"revision":\(json(last.sha)),"status":"Synced"}}}

                """
            let path = "argocd-\(service).json"
            try writer.write(path, Array(text.utf8))
            args += ["--deploys", path]
        }
        return args
    }

    // MARK: Kubernetes events

    private func writeEvents(_ rows: [Row], using random: inout SplitMix64) throws -> [String] {
        // Events live an hour: only the window's changes are still there.
        var items: [String] = []
        for row in rows where row.time >= incident.start.adding(seconds: -3_600) {
            let hash = random.token(random.int(in: 9...10))
            let replicaSet = "\(row.service)-\(hash)"
            let pod = "\(replicaSet)-\(random.token(5))"
            let scaled = rfc3339(row.time, offset: .utc)
            let pulled = rfc3339(row.time.adding(seconds: random.double(in: 2...20)), offset: .utc)
            func event(_ kind: String, _ name: String, _ reason: String, _ message: String, _ time: String,
                       component: String, fieldPath: String? = nil) -> String {
                let path = fieldPath.map { ",\"fieldPath\":\(json($0))" } ?? ""
                return "{\"apiVersion\":\"v1\",\"count\":1,\"eventTime\":null,\"firstTimestamp\":\(json(time)),\"involvedObject\":{\"apiVersion\":\"\(kind == "Pod" ? "v1" : "apps/v1")\"\(path),\"kind\":\"\(kind)\",\"name\":\(json(name)),\"namespace\":\"prod\",\"uid\":\(json(TrafficCatalog.uuid(using: &random)))},\"kind\":\"Event\",\"lastTimestamp\":\(json(time)),\"message\":\(json(message)),\"metadata\":{\"creationTimestamp\":\(json(time)),\"name\":\(json(name + "." + random.hex(16))),\"namespace\":\"prod\"},\"reason\":\"\(reason)\",\"reportingComponent\":\"\(component)\",\"reportingInstance\":\"\",\"source\":{\"component\":\"\(component)\"},\"type\":\"Normal\"}"
            }
            items.append(event("Deployment", row.service, "ScalingReplicaSet", "Scaled up replica set \(replicaSet) to 1",
                               scaled, component: "deployment-controller"))
            items.append(event("Pod", pod, "Pulling", "Pulling image \"registry.example.com/\(row.service):\(row.version)\"",
                               pulled, component: "kubelet", fieldPath: "spec.containers{\(row.service)}"))
            items.append(event("Pod", pod, "Pulled", "Successfully pulled image \"registry.example.com/\(row.service):\(row.version)\" in 1.204s (1.204s including waiting)",
                               pulled, component: "kubelet", fieldPath: "spec.containers{\(row.service)}"))
            items.append(event("Pod", pod, "Started", "Started container \(row.service)", pulled, component: "kubelet",
                               fieldPath: "spec.containers{\(row.service)}"))
        }
        let text = "{\"apiVersion\":\"v1\",\"items\":[" + items.joined(separator: ",")
            + "],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}\n"
        try writer.write("events.json", Array(text.utf8))
        return ["--deploys", "events.json"]
    }

    // MARK: GitHub deployments

    private func writeGitHub(_ rows: [Row], using random: inout SplitMix64) throws -> [String] {
        var args: [String] = []
        for service in Set(rows.map(\.service)).sorted() {
            let own = rows.filter { $0.service == service }.reversed()
            var items: [String] = []
            for row in own {
                let id = random.int(in: 1_000_000_000...2_000_000_000)
                let created = rfc3339(row.time, offset: .utc)
                let repo = "https://api.github.com/repos/example/\(service)"
                items.append("{\"url\":\"\(repo)/deployments/\(id)\",\"id\":\(id),\"node_id\":\"DE_\(random.token(16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))\",\"task\":\"deploy\",\"original_environment\":\"production\",\"environment\":\"production\",\"description\":null,\"created_at\":\(json(created)),\"updated_at\":\(json(created)),\"statuses_url\":\"\(repo)/deployments/\(id)/statuses\",\"repository_url\":\"\(repo)\",\"creator\":{\"login\":\(json(row.actor)),\"type\":\"\(row.actor.hasSuffix("[bot]") ? "Bot" : "User")\"},\"sha\":\(json(row.sha)),\"ref\":\(json("v" + row.version)),\"payload\":{},\"transient_environment\":false,\"production_environment\":true,\"performed_via_github_app\":null}")
            }
            let path = "\(service)-deployments.json"
            try writer.write(path, Array(("[" + items.joined(separator: ",") + "]\n").utf8))
            args += ["--deploys", path]
        }
        return args
    }

    // MARK: CI log

    private func writeCILog(_ rows: [Row], using random: inout SplitMix64) throws -> [String] {
        var buffer = LineBuffer()
        for row in rows {
            let start = row.time
            let lines = ["##[group]Run helm upgrade --install \(row.service) charts/\(row.service) --namespace prod --set image.tag=\(row.version) --wait",
                         "helm upgrade --install \(row.service) charts/\(row.service) --namespace prod --set image.tag=\(row.version) --wait",
                         "##[endgroup]"]
            for (index, line) in lines.enumerated() {
                CIJobLine(time: start.adding(seconds: Double(index) * 0.01), text: line).write(to: &buffer)
                buffer.newline()
            }
            let done = start.adding(seconds: random.double(in: 20...70))
            let output = HelmUpgradeOutput(release: row.service, namespace: "prod", revision: random.int(in: 5...90),
                                           deployedAt: done)
            for (index, line) in output.lines.enumerated() {
                CIJobLine(time: done.adding(seconds: Double(index) * 0.0001), text: line).write(to: &buffer)
                buffer.newline()
            }
        }
        try writer.write("logs/ci/deploy-job.log", buffer.bytes)
        return []
    }
}
