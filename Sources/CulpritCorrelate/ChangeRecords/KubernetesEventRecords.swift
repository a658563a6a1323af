import CulpritModel

/// `kubectl get events -o json` (or `-o yaml`): the deployment controller's
/// `ScalingReplicaSet` events on Deployments, and the kubelet's `Pulling` and
/// `Pulled` events on Pods, whose message quotes the image.
///
/// - a Deployment's replica set scaled up from zero (`Scaled up replica set
///   auth-7d4b9c to 1`, or `… from 0 to 1`) is a rollout at the event's
///   `firstTimestamp` (else `eventTime`, else its creation); scaling up the replica
///   set already serving is not (an autoscaler); scaling up one that served before
///   is a rollback; the version is the image tag its pods (`auth-7d4b9c-x2x9z`)
///   pulled, for the container named like the Deployment (else the first);
/// - pulls by pods of no such replica set are changes of their container when the
///   image tag differs from the one it pulled before.
enum KubernetesEventRecords: StructuredChangeFormat {
    static let format = ChangeRecordFormat.kubernetesEvents

    static func recognizes(_ document: RecordDocument) -> Bool {
        guard let first = document["items"]?.items.first ?? document.items.first else { return false }
        return first["kind"]?.string == "Event" || (first["involvedObject"] != nil && first["reason"] != nil)
    }

    /// One event culprit reads.
    private struct Event {
        var time: Int64
        var line: Int
        var reason: String
        var objectKind: String
        var objectName: String
        var fieldPath: String?
        var message: String

        /// The text between the message's first pair of double quotes: the image.
        var quoted: String? {
            let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
            return parts.count >= 3 ? String(parts[1]) : nil
        }

        /// `spec.containers{auth-service}` → `auth-service`.
        var container: String? {
            guard let fieldPath, let open = fieldPath.firstIndex(of: "{"), let close = fieldPath.lastIndex(of: "}"), open < close else { return nil }
            return String(fieldPath[fieldPath.index(after: open)..<close])
        }
    }

    /// A pull's image, by pod.
    private struct Pull {
        var pod: String
        var container: String?
        var image: ContainerImage
        var event: Event
    }

    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String]) {
        var events = [Event]()
        for item in document["items"]?.items ?? document.items {
            guard let reason = item["reason"]?.string, ["ScalingReplicaSet", "Pulling", "Pulled"].contains(reason) else { continue }
            let timeText = item["firstTimestamp"]?.string ?? item["eventTime"]?.string ?? item[path: "metadata", "creationTimestamp"]?.string
            let time = try context.requiredTime(timeText, field: "firstTimestamp", entry: "event \(item[path: "metadata", "name"]?.string ?? reason)", line: item.line)
            events.append(Event(time: time, line: item.line, reason: reason, objectKind: item[path: "involvedObject", "kind"]?.string ?? "",
                                objectName: item[path: "involvedObject", "name"]?.string ?? "", fieldPath: item[path: "involvedObject", "fieldPath"]?.string,
                                message: item["message"]?.string ?? ""))
        }
        events.sort { $0.time < $1.time }
        let pulls = events.compactMap { event -> Pull? in
            guard event.objectKind == "Pod", event.reason != "ScalingReplicaSet", let image = event.quoted else { return nil }
            return Pull(pod: event.objectName, container: event.container, image: ContainerImage(image), event: event)
        }
        var markers = [ChangeMarker]()
        var explainedPods = Set<String>()
        let scalings = events.filter { $0.reason == "ScalingReplicaSet" && $0.objectKind != "Pod" }
        for (deployment, scalingEvents) in Dictionary(grouping: scalings, by: \.objectName).sorted(by: { $0.key < $1.key }) {
            var seen = Set<String>()
            var serving: String?
            var rollouts = [ChangeMarker]()
            for event in scalingEvents {
                guard let scaling = Scaling(event.message) else { continue }
                defer { seen.insert(scaling.replicaSet) }
                guard scaling.up, scaling.replicaSet != serving else { continue }
                let returning = seen.contains(scaling.replicaSet)
                guard scaling.fromZero || returning else { serving = scaling.replicaSet; continue }
                serving = scaling.replicaSet
                let ownPulls = pulls.filter { $0.pod.hasPrefix(scaling.replicaSet + "-") }
                explainedPods.formUnion(ownPulls.map(\.pod))
                let main = ownPulls.first { $0.container == deployment } ?? ownPulls.first { $0.image.name == deployment } ?? ownPulls.first
                var marker = ChangeMarker(service: deployment, version: main?.image.version, kind: returning ? .rollback : .deploy, time: event.time,
                                          evidence: context.evidence(line: event.line, time: event.time, text: "\(event.objectKind) \(deployment): \(event.message)"))
                marker.alsoKnownAs = Array(Set(ownPulls.compactMap(\.container).filter { $0 != deployment })).sorted()
                rollouts.append(marker)
            }
            ChangeSequence.fillPreviousVersions(&rollouts)
            markers += rollouts
        }
        let unexplained = pulls.filter { !explainedPods.contains($0.pod) }
        for (container, containerPulls) in Dictionary(grouping: unexplained, by: { $0.container ?? $0.image.name }).sorted(by: { $0.key < $1.key }) {
            var changes = [Pull]()
            for pull in containerPulls where pull.image.version != changes.last?.image.version { changes.append(pull) }
            var rollouts = [ChangeMarker]()
            for (pull, position) in zip(changes, ChangeSequence.positions(of: changes.map(\.image.version))) {
                rollouts.append(ChangeMarker(service: container, version: pull.image.version, kind: position == .returnToEarlier ? .rollback : .deploy,
                                             time: pull.event.time,
                                             evidence: context.evidence(line: pull.event.line, time: pull.event.time, text: "Pod \(pull.pod): \(pull.event.message)")))
            }
            ChangeSequence.fillPreviousVersions(&rollouts)
            markers += rollouts
        }
        return (markers.sorted { $0.time < $1.time }, [])
    }

    /// `Scaled up replica set auth-7d4b9c to 3` or `Scaled down replica set auth-5f6a from 3 to 2`.
    private struct Scaling {
        var up: Bool
        var replicaSet: String
        /// Scaled from zero replicas: a new or revived replica set, not an autoscaler's step.
        var fromZero: Bool

        init?(_ message: String) {
            let words = message.split(separator: " ")
            guard words.count >= 6, words[0] == "Scaled", words[2] == "replica", words[3] == "set" else { return nil }
            up = words[1] == "up"
            replicaSet = String(words[4])
            if let from = words.firstIndex(of: "from"), from + 1 < words.count {
                fromZero = words[from + 1] == "0"
            } else {
                // Older Kubernetes versions write no "from": a replica set scaled up
                // while another one serves is taken for a new one.
                fromZero = true
            }
        }
    }
}
