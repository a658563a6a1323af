import Testing
@testable import CulpritCorrelate

@Suite struct KubernetesWorkloadRecordsTests {
    /// `kubectl get replicasets -l app=auth -o json` after a deploy of 2.3.1 and a
    /// `kubectl rollout undo` back to 2.3.0, trimmed.
    static let replicaSets = #"""
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "metadata": {
                    "annotations": {
                        "deployment.kubernetes.io/desired-replicas": "3",
                        "deployment.kubernetes.io/max-replicas": "4",
                        "deployment.kubernetes.io/revision": "3",
                        "deployment.kubernetes.io/revision-history": "1"
                    },
                    "creationTimestamp": "2025-03-12T00:30:00Z",
                    "labels": {"app": "auth", "pod-template-hash": "5f6a8d7c9"},
                    "name": "auth-5f6a8d7c9",
                    "namespace": "prod",
                    "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "Deployment", "name": "auth", "uid": "5c1e0f7e-0d1a-4a61-9a57-2f4a7c1d9b10"}]
                },
                "spec": {
                    "replicas": 3,
                    "template": {
                        "spec": {
                            "containers": [
                                {"image": "registry.example.com/team/auth-service:2.3.0", "name": "auth-service"},
                                {"image": "envoyproxy/envoy:v1.29.1", "name": "envoy"}
                            ]
                        }
                    }
                }
            },
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "metadata": {
                    "annotations": {"deployment.kubernetes.io/revision": "2"},
                    "creationTimestamp": "2025-03-12T00:50:00Z",
                    "name": "auth-7d4b9c5f8",
                    "namespace": "prod",
                    "ownerReferences": [{"apiVersion": "apps/v1", "controller": true, "kind": "Deployment", "name": "auth", "uid": "5c1e0f7e-0d1a-4a61-9a57-2f4a7c1d9b10"}]
                },
                "spec": {
                    "replicas": 0,
                    "template": {
                        "spec": {
                            "containers": [
                                {"image": "registry.example.com/team/auth-service:2.3.1", "name": "auth-service"},
                                {"image": "envoyproxy/envoy:v1.29.1", "name": "envoy"}
                            ]
                        }
                    }
                }
            }
        ],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    }
    """#

    @Test func eachReplicaSetIsTheRolloutThatCreatedIt() throws {
        let file = try readChangeRecords(Self.replicaSets, fileName: "rs.json")
        #expect(file.format == .kubernetesWorkloads)
        #expect(file.markers.map(\.service) == ["auth", "auth"])
        #expect(file.markers.map(\.version) == ["2.3.0", "2.3.1"])
        #expect(file.markers.map(\.time) == [utc(2025, 3, 12, 0, 30), utc(2025, 3, 12, 0, 50)])
        #expect(file.markers.map(\.kind) == [.deploy, .deploy])
        #expect(file.markers[1].previousVersion == "2.3.0")
        #expect(file.markers[1].alsoKnownAs == ["auth-service", "envoy"])
        #expect(file.markers[1].evidence.first?.ref.line == 32)
        #expect(file.markers[1].evidence.first?.text == "ReplicaSet auth-7d4b9c5f8 revision 2 of Deployment auth: registry.example.com/team/auth-service:2.3.1")
    }

    @Test func aRollbackHasNoTimeAndOneNoteSaysSo() throws {
        let file = try readChangeRecords(Self.replicaSets, fileName: "rs.json")
        #expect(file.notes.count == 1)
        #expect(file.notes.first?.hasSuffix("rs.json: a rollback (auth to 2.3.0) has no time here: Kubernetes keeps none for a rollback, so the version changes in the logs supply it") == true, "\(file.notes)")
    }

    @Test func aDeploymentIsItsLatestRolloutTimedByItsProgressingCondition() throws {
        let text = #"""
        {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"apps/v1","kind":"Deployment",
          "metadata":{"name":"checkout-api","namespace":"shop","creationTimestamp":"2024-06-01T08:00:00Z","annotations":{"deployment.kubernetes.io/revision":"14"}},
          "spec":{"template":{"spec":{"containers":[{"name":"checkout-api","image":"ghcr.io/shop/checkout-api@sha256:3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7"}]}}},
          "status":{"conditions":[
            {"type":"Available","status":"True","lastUpdateTime":"2025-03-12T01:10:00Z","lastTransitionTime":"2025-03-01T00:00:00Z","reason":"MinimumReplicasAvailable"},
            {"type":"Progressing","status":"True","lastUpdateTime":"2025-03-12T01:12:41Z","lastTransitionTime":"2024-06-01T08:00:00Z","reason":"NewReplicaSetAvailable"}]}}]}
        """#
        let markers = try readChangeRecords(text, fileName: "deploy.json").markers
        #expect(markers.map(\.service) == ["checkout-api"])
        #expect(markers.first?.time == utc(2025, 3, 12, 1, 12, 41))
        #expect(markers.first?.version == "sha256:3f2a9c1d4e5b")
    }

    @Test func sameNameInTwoNamespacesStaysTwoServices() throws {
        func replicaSet(_ namespace: String, _ tag: String) -> String {
            #"{"kind":"ReplicaSet","metadata":{"name":"web-1","namespace":"\#(namespace)","creationTimestamp":"2025-03-12T00:00:00Z","ownerReferences":[{"kind":"Deployment","name":"web"}]},"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:\#(tag)"}]}}}}"#
        }
        let markers = try readChangeRecords(#"{"kind":"List","items":["# + replicaSet("prod", "1") + "," + replicaSet("staging", "2") + "]}", fileName: "rs.json").markers
        #expect(Set(markers.map(\.service)) == ["prod/web", "staging/web"])
    }

    @Test func imageReferencesReadTheirTag() {
        #expect(ContainerImage("registry.example.com:5000/team/auth-service:2.3.1").version == "2.3.1")
        #expect(ContainerImage("registry.example.com:5000/team/auth-service:2.3.1").name == "auth-service")
        #expect(ContainerImage("registry.example.com:5000/auth-service").version == "latest")
        #expect(ContainerImage("auth-service:2.3.1@sha256:abc").version == "2.3.1")
    }
}
