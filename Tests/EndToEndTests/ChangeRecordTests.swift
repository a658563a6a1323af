import Foundation
import Testing

/// The 2025-03-12 incident with every log line that carries a version removed,
/// so the change record is the only source of the deploy, read from each format.
struct SeedWithoutVersions {
    let directory: URL
    var logs: String { directory.appendingPathComponent("logs").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CulpritBinary.packageRoot.appendingPathComponent("samples/2025-03-12-auth-leak/logs"),
                                         to: directory.appendingPathComponent("logs"))
        // The lines that carry versions are those whose events have one (start lines here).
        let extract = try CulpritBinary.run(["extract", "--format", "ndjson", "--tz", "Africa/Lagos", logs])
        var doomed = [String: Set<Int>]()
        for line in extract.stdout.split(separator: "\n") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard event["version"] is String, let ref = event["ref"] as? String, let colon = ref.lastIndex(of: ":"),
                  let number = Int(ref[ref.index(after: colon)...]) else { continue }
            doomed[String(ref[..<colon]), default: []].insert(number)
        }
        #expect(doomed.values.reduce(0) { $0 + $1.count } >= 3, "the seed's version lines were not found")
        for (path, numbers) in doomed {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.enumerated().filter { !numbers.contains($0.offset + 1) }.map(\.element)
            try kept.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// `analyze --format json` over the logs with `arguments`.
    func analyze(_ arguments: [String], input: Data? = nil) throws -> (result: CulpritBinary.Result, suspects: [[String: Any]]) {
        let result = try CulpritBinary.run(["analyze", "--format", "json", "--tz", "Africa/Lagos", logs] + arguments, input: input)
        let document = (try? JSONSerialization.jsonObject(with: result.stdoutData)) as? [String: Any] ?? [:]
        return (result, document["suspects"] as? [[String: Any]] ?? [])
    }
}

@Suite struct ChangeRecordTests {
    static let csv = """
    time,service,version,kind,sha,actor
    2025-03-12T01:12:30+01:00,web-frontend,1.14.2,deploy,4be1c07,ci-bot
    2025-03-12T01:50:00+01:00,auth-service,2.3.1,deploy,9f2c7e1,ci-bot
    2025-03-12T05:00:00+01:00,auth-service,2.3.0,rollback,51d0a3b,tunde.bakare

    """

    /// `helm history auth -o json`: one line, no release name in it.
    static let helm = #"[{"revision":1,"updated":"2025-03-10T09:12:44.51882+00:00","status":"superseded","chart":"auth-1.4.0","app_version":"2.3.0","description":"Install complete"},{"revision":2,"updated":"2025-03-12T00:50:00.218341+00:00","status":"superseded","chart":"auth-1.4.1","app_version":"2.3.1","description":"Upgrade complete"},{"revision":3,"updated":"2025-03-12T04:00:00.90211+00:00","status":"deployed","chart":"auth-1.4.0","app_version":"2.3.0","description":"Rollback to 1"}]"# + "\n"

    /// `argocd app get auth-service-prod -o json`, trimmed.
    static let argo = #"""
    {
      "apiVersion": "argoproj.io/v1alpha1",
      "kind": "Application",
      "metadata": {"name": "auth-service-prod", "namespace": "argocd"},
      "spec": {
        "destination": {"namespace": "prod", "server": "https://kubernetes.default.svc"},
        "source": {"chart": "auth", "repoURL": "https://charts.example.com", "targetRevision": "1.4.0",
                   "helm": {"parameters": [{"name": "image.tag", "value": "2.3.0"}]}}
      },
      "status": {
        "history": [
          {"id": 11, "revision": "1.4.0", "deployStartedAt": "2025-03-11T16:20:02Z", "deployedAt": "2025-03-11T16:20:40Z",
           "source": {"chart": "auth", "repoURL": "https://charts.example.com", "targetRevision": "1.4.0",
                      "helm": {"parameters": [{"name": "image.tag", "value": "2.3.0"}]}}, "initiatedBy": {"automated": true}},
          {"id": 12, "revision": "1.4.1", "deployStartedAt": "2025-03-12T00:49:52Z", "deployedAt": "2025-03-12T00:50:31Z",
           "source": {"chart": "auth", "repoURL": "https://charts.example.com", "targetRevision": "1.4.1",
                      "helm": {"parameters": [{"name": "image.tag", "value": "2.3.1"}]}}, "initiatedBy": {"username": "ci-bot"}},
          {"id": 13, "revision": "1.4.0", "deployStartedAt": "2025-03-12T04:00:00Z", "deployedAt": "2025-03-12T04:00:41Z",
           "source": {"chart": "auth", "repoURL": "https://charts.example.com", "targetRevision": "1.4.0",
                      "helm": {"parameters": [{"name": "image.tag", "value": "2.3.0"}]}}, "initiatedBy": {"username": "tunde.bakare"}}
        ],
        "sync": {"status": "Synced"}
      }
    }
    """#

    /// `kubectl get replicasets -n prod -l app=auth -o json` after the rollback: the
    /// Deployment is `auth`, its container `auth-service`.
    static let replicaSets = #"""
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "metadata": {
                    "annotations": {"deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1"},
                    "creationTimestamp": "2025-03-01T10:00:00Z",
                    "name": "auth-5f6a8d7c9",
                    "namespace": "prod",
                    "ownerReferences": [{"apiVersion": "apps/v1", "controller": true, "kind": "Deployment", "name": "auth", "uid": "5c1e0f7e"}]
                },
                "spec": {"template": {"spec": {"containers": [{"image": "registry.example.com/team/auth-service:2.3.0", "name": "auth-service"}]}}}
            },
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "metadata": {
                    "annotations": {"deployment.kubernetes.io/revision": "2"},
                    "creationTimestamp": "2025-03-12T00:50:00Z",
                    "name": "auth-7d4b9c5f8",
                    "namespace": "prod",
                    "ownerReferences": [{"apiVersion": "apps/v1", "controller": true, "kind": "Deployment", "name": "auth", "uid": "5c1e0f7e"}]
                },
                "spec": {"template": {"spec": {"containers": [{"image": "registry.example.com/team/auth-service:2.3.1", "name": "auth-service"}]}}}
            }
        ],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    }
    """#

    func expectCulprit(_ suspects: [[String: Any]], _ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let top = suspects.first ?? [:]
        #expect(top["service"] as? String == "auth-service", "\(top) \(stderr)", sourceLocation: sourceLocation)
        #expect(top["version"] as? String == "2.3.1", sourceLocation: sourceLocation)
        #expect(top["change"] as? String == "deploy", sourceLocation: sourceLocation)
        #expect(top["verdict"] as? String == "likely", sourceLocation: sourceLocation)
        #expect(!suspects.contains { ($0["service"] as? String)?.hasPrefix("auth") == true && $0["service"] as? String != "auth-service" },
                "the change was split across two names: \(suspects.map { $0["service"] ?? "" })", sourceLocation: sourceLocation)
    }

    @Test func withoutItsVersionLinesTheSeedNamesNoCulpritAlone() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let (result, suspects) = try seed.analyze([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!suspects.contains { $0["verdict"] as? String == "likely" }, "\(suspects.first ?? [:])")
    }

    @Test func csvRecordNamesTheCulprit() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let (result, suspects) = try seed.analyze(["--deploys", try seed.write(Self.csv, to: "deploys.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
    }

    @Test func helmHistoryOfReleaseAuthNamesAuthService() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write(Self.helm, to: "auth.helm.json")
        let (result, suspects) = try seed.analyze(["--deploys", path])
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
        #expect(result.stderr.contains("\(path): auth is taken for auth-service of the logs"), "\(result.stderr)")
    }

    @Test func helmHistoryNamedOnTheCommandLine() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write(Self.helm, to: "history.json")
        let (result, suspects) = try seed.analyze(["--deploys", "auth-service=\(path)"])
        expectCulprit(suspects, result.stderr)
        #expect(!result.stderr.contains("taken for"), "\(result.stderr)")
    }

    @Test func argoCDAppNamesTheCulprit() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let (result, suspects) = try seed.analyze(["--deploys", try seed.write(Self.argo, to: "argocd-app.json")])
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
        #expect(result.stderr.contains("auth-service-prod is taken for auth-service of the logs"), "\(result.stderr)")
    }

    @Test func replicaSetListNamesTheCulprit() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write(Self.replicaSets, to: "replicasets.json")
        let (result, suspects) = try seed.analyze(["--deploys", path])
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
        #expect(result.stderr.contains("auth is taken for auth-service of the logs (its container auth-service is named so)"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path): a rollback (auth to 2.3.0) has no time here: Kubernetes keeps none for a rollback"), "\(result.stderr)")
    }

    @Test func aRecordForAShortNameIsOneChangeOfTheLogsService() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let (result, suspects) = try seed.analyze(["--deploys", try seed.write(Self.csv.replacingOccurrences(of: "auth-service", with: "auth"), to: "deploys.csv")])
        expectCulprit(suspects, result.stderr)
    }

    @Test func serviceAliasTiesWhatNamesCannot() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write(Self.csv.replacingOccurrences(of: "auth-service", with: "identity"), to: "deploys.csv")
        let unmatched = try seed.analyze(["--deploys", path])
        #expect(unmatched.suspects.first?["verdict"] as? String != "likely")
        #expect(unmatched.result.stderr.contains("warning: \(path): no service of the logs is named like identity; its changes stay suspects with no logs of their own"),
                "\(unmatched.result.stderr)")
        let (result, suspects) = try seed.analyze(["--deploys", path, "--service-alias", "identity=auth-service"])
        expectCulprit(suspects, result.stderr)
        #expect(!result.stderr.contains("identity"), "\(result.stderr)")
    }

    @Test func helmHistoryThroughAPipe() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        // As in `--deploys auth-service=<(helm history auth -o json)`.
        let (result, suspects) = try seed.analyze(["--deploys", "auth-service=/dev/stdin"], input: Data(Self.helm.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
    }

    @Test func crlfDeploysFileReadsLikeLF() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let (result, suspects) = try seed.analyze(["--deploys", try seed.write(Self.csv.replacingOccurrences(of: "\n", with: "\r\n"), to: "deploys.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        expectCulprit(suspects, result.stderr)
    }

    @Test func crlfJSONLinesReadsEveryRecord() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let lines = [#"{"time":"2025-03-12T00:12:30Z","service":"web-frontend","version":"1.14.2"}"#,
                     #"{"time":"2025-03-12T00:50:00Z","service":"auth-service","version":"2.3.1"}"#]
        let (result, suspects) = try seed.analyze(["--deploys", try seed.write(lines.joined(separator: "\r\n") + "\r\n", to: "deploys.jsonl")])
        expectCulprit(suspects, result.stderr)
    }

    @Test func unterminatedQuoteStopsWithFileAndLine() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write("time,service,version,actor\n2025-03-12T00:50:00Z,auth-service,2.3.1,\"ci bot\n2025-03-12T04:00:00Z,auth-service,2.3.0,tunde\n", to: "deploys.csv")
        let (result, _) = try seed.analyze(["--deploys", path])
        #expect(result.status == 2)
        #expect(result.stderr == "culprit: \(path):2: a quoted field opened here never closes: close it, or double a quote inside it (\"\")\n", "\(result.stderr)")
    }

    @Test func emptyDeploysFileIsWarnedAbout() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write("", to: "deploys.csv")
        let (result, _) = try seed.analyze(["--deploys", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("culprit: warning: \(path): empty, no change records read from it (check the command that wrote it)\n"), "\(result.stderr)")
    }

    @Test func unknownFormatIsOneLineAndExitTwo() throws {
        let seed = try SeedWithoutVersions()
        defer { seed.remove() }
        let path = try seed.write("REVISION\tUPDATED\tSTATUS\tCHART\n1\tMon Mar 10 09:12:44 2025\tsuperseded\tauth-1.4.0\n", to: "history.txt")
        let (result, _) = try seed.analyze(["--deploys", path])
        #expect(result.status == 2)
        #expect(result.stderr == "culprit: \(path): not a change record culprit reads (CSV, JSON Lines, helm history, argocd app, Kubernetes list or events, GitHub deployments)\n")
    }
}
