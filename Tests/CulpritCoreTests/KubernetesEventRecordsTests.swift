import Testing

@Suite struct KubernetesEventRecordsTests {
    static func event(_ kind: String, _ name: String, _ reason: String, _ message: String, at time: String, fieldPath: String? = nil) -> String {
        let path = fieldPath.map { #","fieldPath":"\#($0)""# } ?? ""
        let escaped = message.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"apiVersion":"v1","kind":"Event","count":1,"firstTimestamp":"\#(time)","lastTimestamp":"\#(time)","involvedObject":{"kind":"\#(kind)","name":"\#(name)","namespace":"prod"\#(path)},"metadata":{"name":"\#(name).17bc2a","namespace":"prod"},"reason":"\#(reason)","message":"\#(escaped)","type":"Normal"}"#
    }

    /// `kubectl get events -o json` around a rollout of auth-service 2.3.1, an
    /// autoscaler step, and a rollback to the old replica set.
    static let rollout = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n" + [
        event("Deployment", "auth-service", "ScalingReplicaSet", "Scaled up replica set auth-service-7d4b9c5f8 to 1", at: "2025-03-12T00:50:00Z"),
        event("Pod", "auth-service-7d4b9c5f8-x2x9z", "Pulling", "Pulling image \"registry.example.com/team/auth-service:2.3.1\"", at: "2025-03-12T00:50:02Z", fieldPath: "spec.containers{auth-service}"),
        event("Pod", "auth-service-7d4b9c5f8-x2x9z", "Pulled", "Successfully pulled image \"registry.example.com/team/auth-service:2.3.1\" in 1.204s (1.204s including waiting)", at: "2025-03-12T00:50:03Z", fieldPath: "spec.containers{auth-service}"),
        event("Deployment", "auth-service", "ScalingReplicaSet", "Scaled down replica set auth-service-5f6a8d7c9 to 2 from 3", at: "2025-03-12T00:50:20Z"),
        event("Deployment", "auth-service", "ScalingReplicaSet", "Scaled up replica set auth-service-7d4b9c5f8 to 3 from 2", at: "2025-03-12T00:51:00Z"),
        event("Deployment", "auth-service", "ScalingReplicaSet", "Scaled up replica set auth-service-5f6a8d7c9 to 1 from 0", at: "2025-03-12T04:00:00Z"),
        event("Pod", "auth-service-5f6a8d7c9-q8k2m", "Pulled", "Container image \"registry.example.com/team/auth-service:2.3.0\" already present on machine", at: "2025-03-12T04:00:01Z", fieldPath: "spec.containers{auth-service}"),
    ].joined(separator: ",\n") + "\n]}\n"

    @Test func scalingUpANewReplicaSetIsARolloutVersionedByItsPodsPulls() throws {
        let file = try readChangeRecords(Self.rollout, fileName: "events.json")
        #expect(file.format == .kubernetesEvents)
        #expect(file.markers.map(\.service) == ["auth-service", "auth-service"])
        #expect(file.markers.map(\.version) == ["2.3.1", "2.3.0"])
        #expect(file.markers.map(\.kind) == [.deploy, .rollback])
        #expect(file.markers.map(\.time) == [utc(2025, 3, 12, 0, 50), utc(2025, 3, 12, 4, 0)])
        #expect(file.markers[0].evidence.first?.ref.line == 2)
        #expect(file.markers[0].evidence.first?.text == "Deployment auth-service: Scaled up replica set auth-service-7d4b9c5f8 to 1")
    }

    @Test func pullsOfPodsOfNoScaledReplicaSetAreChangesOfTheirContainer() throws {
        let text = "{\"kind\":\"List\",\"items\":[" + [
            Self.event("Pod", "report-worker-0", "Pulled", "Successfully pulled image \"ghcr.io/acme/report-worker:5.2.0\"", at: "2025-03-12T00:10:00Z", fieldPath: "spec.containers{report-worker}"),
            Self.event("Pod", "report-worker-1", "Pulled", "Successfully pulled image \"ghcr.io/acme/report-worker:5.2.0\"", at: "2025-03-12T00:10:30Z", fieldPath: "spec.containers{report-worker}"),
            Self.event("Pod", "report-worker-0", "Pulling", "Pulling image \"ghcr.io/acme/report-worker:5.2.1\"", at: "2025-03-12T02:00:00Z", fieldPath: "spec.containers{report-worker}"),
        ].joined(separator: ",") + "]}"
        let markers = try readChangeRecords(text, fileName: "events.json").markers
        #expect(markers.map(\.service) == ["report-worker", "report-worker"])
        #expect(markers.map(\.version) == ["5.2.0", "5.2.1"])
        #expect(markers[1].previousVersion == "5.2.0")
    }
}
