import CulpritModel

/// GitHub's deployments API (`GET /repos/OWNER/REPO/deployments`, e.g. from
/// `gh api`): a list of `{"id", "sha", "ref", "task", "environment",
/// "production_environment", "payload", "creator", "created_at", "repository_url"}`.
///
/// - time: `created_at`; sha: `sha`; actor: `creator.login`;
/// - version: `payload.version` when the workflow put one there, else `ref`
///   when it reads as a version (a tag; `v2.3.1` is 2.3.1), else the commit
///   shortened to 7;
/// - service: `NAME` of `--deploys NAME=FILE`, else the repository's name
///   from `repository_url`, else the file's name up to its first dot;
/// - a `task` or `payload.kind` saying rollback, or a deployment of a commit an
///   earlier one deployed (not the one just before), is a rollback;
/// - when the list mixes environments, only the production ones are kept
///   (`production_environment`, or an environment named production or prod),
///   with one note saying how many others were left out.
enum GitHubDeploymentRecords: StructuredChangeFormat {
    static let format = ChangeRecordFormat.gitHubDeployments

    static func recognizes(_ document: RecordDocument) -> Bool {
        guard let first = document.isArray ? document.items.first : document else { return false }
        return first.keys.isSuperset(of: ["sha", "ref", "environment", "created_at"])
    }

    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String]) {
        let deployments = document.isArray ? document.items : [document]
        let environments = Set(deployments.compactMap { $0["environment"]?.string })
        var kept = deployments
        var notes = [String]()
        if environments.count > 1 {
            let production = deployments.filter(isProduction)
            if !production.isEmpty, production.count < deployments.count {
                kept = production
                let others = environments.subtracting(production.compactMap { $0["environment"]?.string }).sorted()
                let left = deployments.count - production.count
                notes.append("\(context.path): \(left) deployment\(left == 1 ? "" : "s") to \(others.joined(separator: ", ")) left out; only production ones are changes of the service in production")
            }
        }
        var entries = [(marker: ChangeMarker, sha: String?)]()
        for deployment in kept {
            let id = deployment["id"]?.string ?? "?"
            let time = try context.requiredTime(deployment["created_at"]?.string, field: "created_at", entry: "deployment \(id)", line: deployment.line)
            let sha = deployment["sha"]?.string
            let ref = deployment["ref"]?.string
            let repository = deployment["repository_url"]?.string?.split(separator: "/").last.map(String.init)
            let service = context.source.name ?? repository ?? context.source.fileStem
            let version = deployment[path: "payload", "version"]?.string ?? ref.flatMap(VersionText.version(ofRef:)) ?? sha.map(VersionText.short)
            let task = deployment["task"]?.string ?? "deploy"
            let saysRollback = task.lowercased().contains("rollback") || deployment[path: "payload", "kind"]?.string?.lowercased() == "rollback"
            var text = "github deployment \(id) of \(repository ?? service) to \(deployment["environment"]?.string ?? "?")"
            if let ref { text += ": \(ref)" }
            if let sha { text += " (\(VersionText.short(sha)))" }
            if let description = deployment["description"]?.string { text += ", \(description)" }
            let marker = ChangeMarker(service: service, version: version, kind: saysRollback ? .rollback : .deploy, time: time,
                                      evidence: context.evidence(line: deployment.line, time: time, text: text),
                                      sha: sha, actor: deployment[path: "creator", "login"]?.string)
            entries.append((marker, sha))
        }
        var markers = [ChangeMarker]()
        for (_, group) in Dictionary(grouping: entries, by: \.marker.service).sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted { $0.marker.time < $1.marker.time }
            var serviceMarkers = ordered.map(\.marker)
            for (index, position) in ChangeSequence.positions(of: ordered.map(\.sha)).enumerated() where position == .returnToEarlier {
                serviceMarkers[index].kind = .rollback
            }
            ChangeSequence.fillPreviousVersions(&serviceMarkers)
            markers += serviceMarkers
        }
        return (markers, notes)
    }

    private static func isProduction(_ deployment: RecordDocument) -> Bool {
        if deployment["production_environment"]?.bool == true { return true }
        let environment = deployment["environment"]?.string?.lowercased() ?? ""
        return environment == "production" || environment == "prod"
    }
}
