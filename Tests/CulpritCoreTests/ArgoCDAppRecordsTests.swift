import Testing

@Suite struct ArgoCDAppRecordsTests {
    /// `argocd app get auth-service-prod -o json`, trimmed to what culprit reads and a little more.
    static let app = #"""
    {
      "metadata": {
        "name": "auth-service-prod",
        "namespace": "argocd",
        "creationTimestamp": "2024-11-02T10:00:00Z"
      },
      "spec": {
        "source": {
          "repoURL": "https://charts.example.com",
          "chart": "auth",
          "targetRevision": "1.4.1",
          "helm": {"parameters": [{"name": "image.tag", "value": "2.3.1"}]}
        },
        "destination": {"server": "https://kubernetes.default.svc", "namespace": "prod"},
        "project": "default"
      },
      "status": {
        "sync": {"status": "Synced", "revision": "1.4.0"},
        "health": {"status": "Healthy"},
        "history": [
          {
            "id": 11,
            "revision": "1.4.0",
            "deployStartedAt": "2025-03-11T16:20:02Z",
            "deployedAt": "2025-03-11T16:20:40Z",
            "source": {"repoURL": "https://charts.example.com", "chart": "auth", "targetRevision": "1.4.0",
                       "helm": {"parameters": [{"name": "image.tag", "value": "2.3.0"}]}},
            "initiatedBy": {"automated": true}
          },
          {
            "id": 12,
            "revision": "1.4.1",
            "deployStartedAt": "2025-03-12T00:49:52Z",
            "deployedAt": "2025-03-12T00:50:31Z",
            "source": {"repoURL": "https://charts.example.com", "chart": "auth", "targetRevision": "1.4.1",
                       "helm": {"parameters": [{"name": "replicaCount", "value": "3"}, {"name": "image.tag", "value": "2.3.1"}]}},
            "initiatedBy": {"username": "ci-bot"}
          },
          {
            "id": 13,
            "revision": "1.4.0",
            "deployStartedAt": "2025-03-12T04:00:00Z",
            "deployedAt": "2025-03-12T04:00:41Z",
            "source": {"repoURL": "https://charts.example.com", "chart": "auth", "targetRevision": "1.4.0",
                       "helm": {"parameters": [{"name": "image.tag", "value": "2.3.0"}]}},
            "initiatedBy": {"username": "tunde.bakare"}
          }
        ]
      }
    }
    """#

    @Test func historyEntriesAreSyncsOfTheApp() throws {
        let file = try readChangeRecords(Self.app, fileName: "argo.json")
        #expect(file.format == .argoCDApp)
        #expect(file.markers.map(\.service) == ["auth-service-prod", "auth-service-prod", "auth-service-prod"])
        #expect(file.markers.map(\.version) == ["2.3.0", "2.3.1", "2.3.0"])
        #expect(file.markers[1].time == utc(2025, 3, 12, 0, 49, 52))
        #expect(file.markers.map(\.actor) == ["automated sync", "ci-bot", "tunde.bakare"])
        #expect(file.markers[1].evidence.first?.ref.line == 30)
    }

    @Test func returningToAnEarlierRevisionIsARollback() throws {
        let markers = try readChangeRecords(Self.app, fileName: "argo.json").markers
        #expect(markers.map(\.kind) == [.deploy, .deploy, .rollback])
        #expect(markers[2].previousVersion == "2.3.1")
    }

    @Test func gitSourceWithoutImageTagIsVersionedByItsCommit() throws {
        let text = #"""
        {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"checkout"},
         "spec":{"source":{"repoURL":"https://git.example.com/shop.git","path":"deploy/checkout","targetRevision":"HEAD"}},
         "status":{"history":[
          {"id":1,"revision":"4be1c07a9d2f8e61b3c5d7e9f0a1b2c3d4e5f607","deployedAt":"2025-03-12T00:12:30Z",
           "source":{"repoURL":"https://git.example.com/shop.git","path":"deploy/checkout","targetRevision":"HEAD"}},
          {"id":2,"revision":"4be1c07a9d2f8e61b3c5d7e9f0a1b2c3d4e5f607","deployedAt":"2025-03-12T00:20:00Z",
           "source":{"repoURL":"https://git.example.com/shop.git","path":"deploy/checkout","targetRevision":"HEAD"}}]}}
        """#
        let markers = try readChangeRecords(text, fileName: "checkout.json").markers
        #expect(markers.map(\.version) == ["4be1c07", "4be1c07"])
        #expect(markers.first?.sha == "4be1c07a9d2f8e61b3c5d7e9f0a1b2c3d4e5f607")
        #expect(markers.first?.time == utc(2025, 3, 12, 0, 12, 30))
        #expect(markers.map(\.kind) == [.deploy, .config])
    }

    @Test func kustomizeImageNamedLikeTheAppGivesTheVersion() throws {
        let text = #"""
        {"kind":"Application","apiVersion":"argoproj.io/v1alpha1","metadata":{"name":"auth-service"},"spec":{},
         "status":{"history":[{"id":3,"revision":"9f2c7e1aa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5","deployStartedAt":"2025-03-12T00:49:52Z",
          "deployedAt":"2025-03-12T00:50:31Z","source":{"kustomize":{"images":["envoy=envoyproxy/envoy:v1.29.1","auth-service=registry.example.com:5000/team/auth-service:2.3.1"]}}}]}}
        """#
        #expect(try readChangeRecords(text, fileName: "argo.json").markers.first?.version == "2.3.1")
    }
}
