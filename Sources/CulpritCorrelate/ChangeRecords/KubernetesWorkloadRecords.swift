import CulpritModel

/// `kubectl get replicasets -o json` (and `deployments`, or both, or `-o yaml`):
/// a `List` of objects whose pod template names the image each revision ran.
///
/// - a ReplicaSet is the rollout that created it: time `metadata.creationTimestamp`,
///   revision the `deployment.kubernetes.io/revision` annotation, service the
///   Deployment in `ownerReferences` (its own name without one), version the
///   image tag of the container named like the service (else the first);
/// - a Deployment with no ReplicaSet in the file is its latest rollout, timed by
///   its `Progressing` condition's `lastUpdateTime` (its creation, for revision 1);
/// - a rollback (`kubectl rollout undo`) gives an old ReplicaSet a new revision
///   number and keeps no time for it: culprit says so in one note and leaves the
///   time to the version changes in the logs.
///
/// The containers' names are kept as other names of the service, so a record
/// for Deployment `auth` matches logs named after its container `auth-service`.
enum KubernetesWorkloadRecords: StructuredChangeFormat {
    static let format = ChangeRecordFormat.kubernetesWorkloads
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    static func recognizes(_ document: RecordDocument) -> Bool {
        objects(in: document).contains { ["ReplicaSet", "Deployment"].contains($0["kind"]?.string ?? "") }
    }

    private static func objects(in document: RecordDocument) -> [RecordDocument] {
        if let items = document["items"], items.isArray { return items.items }
        return document.isArray ? document.items : [document]
    }

    /// One rollout: a ReplicaSet, or a Deployment's latest.
    private struct Rollout {
        var namespace: String
        var service: String
        var revision: Int?
        var marker: ChangeMarker
    }

    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String]) {
        let objects = objects(in: document)
        var rollouts = [Rollout]()
        var undated = [String]()
        for object in objects where object["kind"]?.string == "ReplicaSet" {
            let owner = object[path: "metadata", "ownerReferences"]?.items.first { $0["kind"]?.string == "Deployment" }?["name"]?.string
            guard let name = owner ?? object[path: "metadata", "name"]?.string else { continue }
            let created = try context.requiredTime(object[path: "metadata", "creationTimestamp"]?.string, field: "creationTimestamp",
                                                   entry: "ReplicaSet \(object[path: "metadata", "name"]?.string ?? name)", line: object.line)
            rollouts.append(rollout(of: object, service: name, time: created, context: context))
        }
        let owners = Set(rollouts.map { "\($0.namespace)/\($0.service)" })
        for object in objects where object["kind"]?.string == "Deployment" {
            guard let name = object[path: "metadata", "name"]?.string else { continue }
            let namespace = object[path: "metadata", "namespace"]?.string ?? ""
            guard !owners.contains("\(namespace)/\(name)") else { continue }
            let progressing = object[path: "status", "conditions"]?.items.first { $0["type"]?.string == "Progressing" }?["lastUpdateTime"]?.string
            let revision = object[path: "metadata", "annotations", revisionAnnotation]?.string
            let timeText = progressing ?? (revision == nil || revision == "1" ? object[path: "metadata", "creationTimestamp"]?.string : nil)
            guard let timeText else { undated.append(name); continue }
            let time = try context.requiredTime(timeText, field: "time", entry: "Deployment \(name)", line: object.line)
            rollouts.append(rollout(of: object, service: name, time: time, context: context))
        }
        // The same Deployment name in two namespaces would merge two services: qualify it.
        let namespacesByName = Dictionary(grouping: rollouts, by: \.service).mapValues { Set($0.map(\.namespace)) }
        for index in rollouts.indices where namespacesByName[rollouts[index].service, default: []].count > 1 {
            rollouts[index].marker.service = "\(rollouts[index].namespace)/\(rollouts[index].service)"
        }
        var markers = [ChangeMarker]()
        var rollbacks = [String]()
        for (_, group) in Dictionary(grouping: rollouts, by: \.marker.service).sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted { $0.marker.time < $1.marker.time }
            // A revision above that of a ReplicaSet created after it was given back by a rollback.
            var highestLater = Int.min
            for rollout in ordered.reversed() {
                if let revision = rollout.revision {
                    if revision > highestLater, highestLater != Int.min {
                        rollbacks.append("\(rollout.marker.service) to \(rollout.marker.version ?? "revision \(revision)")")
                    }
                    highestLater = max(highestLater, revision)
                }
            }
            var serviceMarkers = ordered.map(\.marker)
            ChangeSequence.fillPreviousVersions(&serviceMarkers)
            markers += serviceMarkers
        }
        var notes = [String]()
        if !rollbacks.isEmpty {
            notes.append("\(context.path): \(rollbacks.count == 1 ? "a rollback" : "\(rollbacks.count) rollbacks") (\(rollbacks.joined(separator: ", "))) "
                         + "has no time here: Kubernetes keeps none for a rollback, so the version changes in the logs supply it")
        }
        if !undated.isEmpty {
            notes.append("\(context.path): no rollout time for Deployment \(undated.joined(separator: ", ")) (no Progressing condition); list its ReplicaSets instead")
        }
        return (markers, notes)
    }

    private static func rollout(of object: RecordDocument, service: String, time: Int64, context: ChangeRecordContext) -> Rollout {
        let containers = object[path: "spec", "template", "spec", "containers"]?.items ?? []
        let images = containers.map { (name: $0["name"]?.string, image: $0["image"]?.string.map(ContainerImage.init)) }
        let main = images.first { $0.name == service } ?? images.first { $0.image?.name == service } ?? images.first
        let revisionText = object[path: "metadata", "annotations", revisionAnnotation]?.string
        let objectName = object[path: "metadata", "name"]?.string ?? service
        var text = "\(object["kind"]?.string ?? "object") \(objectName)"
        if let revisionText { text += " revision \(revisionText)" }
        if objectName != service { text += " of Deployment \(service)" }
        if let image = containers.first(where: { $0["name"]?.string == main?.name })?["image"]?.string { text += ": \(image)" }
        var marker = ChangeMarker(service: service, version: main?.image?.version, kind: .deploy, time: time,
                                  evidence: context.evidence(line: object.line, time: time, text: text))
        marker.alsoKnownAs = images.compactMap(\.name).filter { $0 != service }
        return Rollout(namespace: object[path: "metadata", "namespace"]?.string ?? "", service: service,
                       revision: revisionText.flatMap { Int($0) }, marker: marker)
    }
}
