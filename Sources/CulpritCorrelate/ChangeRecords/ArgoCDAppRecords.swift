import CulpritModel

/// `argocd app get APP -o json` (or `-o yaml`, or an ApplicationList): an Argo CD
/// Application, whose `status.history[]` lists its syncs, each with
/// `deployStartedAt`, `deployedAt`, `revision` (or `revisions` for several
/// sources), `source` (or `sources`) and `initiatedBy`.
///
/// - service: `metadata.name`; time: `deployStartedAt`, else `deployedAt`;
/// - version: the Helm parameter `image.tag` when the source sets one, else the
///   tag of a Kustomize image named like the app, else `source.targetRevision`
///   when it reads as a version (`v1.4.1` is 1.4.1), else the revision (a commit shortened to 7);
/// - a sync of what an earlier sync deployed (same revision and image tag), not
///   the one just before, is a rollback; a sync of the same as the one just
///   before re-applies it, a config change at most; any other sync a deploy.
enum ArgoCDAppRecords: StructuredChangeFormat {
    static let format = ChangeRecordFormat.argoCDApp

    static func recognizes(_ document: RecordDocument) -> Bool {
        applications(in: document).first.map(isApplication) ?? false
    }

    private static func isApplication(_ node: RecordDocument) -> Bool {
        if node["kind"]?.string == "Application", node["apiVersion"]?.string?.hasPrefix("argoproj.io") == true { return true }
        return node[path: "metadata", "name"] != nil && node[path: "status", "history"]?.isArray == true
            && (node[path: "spec", "destination"] != nil || node[path: "spec", "source"] != nil || node[path: "spec", "sources"] != nil)
    }

    private static func applications(in document: RecordDocument) -> [RecordDocument] {
        if document.isArray { return document.items }
        if let items = document["items"], items.isArray { return items.items }
        return [document]
    }

    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String]) {
        var markers = [ChangeMarker]()
        for application in applications(in: document) where isApplication(application) {
            markers += try history(of: application, context: context)
        }
        return (markers, [])
    }

    private static func history(of application: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> [ChangeMarker] {
        let name = application[path: "metadata", "name"]?.string ?? context.source.fileStem
        let entries = application[path: "status", "history"]?.items ?? []
        var syncs = [(marker: ChangeMarker, identity: String?)]()
        for entry in entries {
            let id = entry["id"]?.string ?? "?"
            let started = entry["deployStartedAt"]?.string ?? entry["deployedAt"]?.string
            let time = try context.requiredTime(started, field: "deployStartedAt or deployedAt", entry: "\(name) history id \(id)", line: entry.line)
            let revision = entry["revision"]?.string ?? entry["revisions"].map { $0.items.compactMap(\.string).joined(separator: ",") }
            let source = entry["source"] ?? entry["sources"]?.items.first
            let imageTag = source?[path: "helm", "parameters"]?.items.first { $0["name"]?.string == "image.tag" }?["value"]?.string
            let kustomizeTag = kustomizeImageTag(source, application: name)
            let target = source?["targetRevision"]?.string
            let version = imageTag ?? kustomizeTag ?? target.flatMap(VersionText.version(ofRef:)) ?? revision.map(VersionText.short)
            let initiator = entry["initiatedBy"]
            let actor = initiator?["username"]?.string ?? (initiator?["automated"]?.bool == true ? "automated sync" : nil)
            var parts = ["argocd \(name) sync \(id)"]
            if let revision { parts.append("revision \(VersionText.short(revision))" + (target.map { " (\($0))" } ?? "")) }
            if let imageTag { parts.append("image.tag \(imageTag)") }
            if let actor { parts.append("by \(actor)") }
            let marker = ChangeMarker(service: name, version: version, kind: .deploy, time: time,
                                      evidence: context.evidence(line: entry.line, time: time, text: parts.joined(separator: ", ")),
                                      sha: revision.flatMap { VersionText.isCommit($0) ? $0 : nil }, actor: actor)
            let deployed = [revision, imageTag ?? kustomizeTag].compactMap { $0 }
            syncs.append((marker, deployed.isEmpty ? nil : deployed.joined(separator: " ")))
        }
        syncs.sort { $0.marker.time < $1.marker.time }
        var markers = syncs.map(\.marker)
        for (index, position) in ChangeSequence.positions(of: syncs.map(\.identity)).enumerated() {
            switch position {
            case .new: break
            case .sameAsPrevious: markers[index].kind = .config
            case .returnToEarlier: markers[index].kind = .rollback
            }
        }
        ChangeSequence.fillPreviousVersions(&markers)
        return markers
    }

    /// The tag of the Kustomize image (`name=registry/name:tag` or
    /// `registry/name:tag`) named like the application, else of the only one.
    private static func kustomizeImageTag(_ source: RecordDocument?, application: String) -> String? {
        let images = (source?[path: "kustomize", "images"]?.items ?? []).compactMap(\.string).map { text in
            ContainerImage(text.split(separator: "=", maxSplits: 1).last.map(String.init) ?? text)
        }
        let chosen = images.first { $0.name == application } ?? (images.count == 1 ? images[0] : nil)
        return chosen?.tag
    }
}
