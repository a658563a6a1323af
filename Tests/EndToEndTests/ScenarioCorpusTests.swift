import Foundation
import Testing

/// `loggen scenarios` (the randomized incidents of `make eval`) and `loggen score`.
@Suite struct ScenarioCorpusTests {
    /// Runs loggen with `arguments`; returns its exit status and standard output.
    private func loggen(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try CulpritBinary.run(executable: LoggenBinary.path, arguments)
        return (result.status, result.stdout, result.stderr)
    }

    private func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("culprit-\(name)-\(UUID().uuidString)")
    }

    /// Every file under `root`, as paths relative to it, sorted.
    private func files(under root: URL) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    private func generate(seed: Int, faults: [String], into folder: URL) throws {
        let result = try loggen(["scenarios", "--seed", String(seed), "--count", "1", "--out", folder.path]
            + faults.flatMap { ["--fault", $0] })
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func truth(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("truth.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theSameSeedWritesTheSameFilesAndEachScenarioIsComplete() throws {
        let first = temporaryFolder("scenarios-a"), second = temporaryFolder("scenarios-b")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let faults = ["oom-crashloop", "gateway-only", "dependency-failure"]
        try generate(seed: 11, faults: faults, into: first)
        try generate(seed: 11, faults: faults, into: second)
        let paths = try files(under: first)
        #expect(paths == (try files(under: second)))
        for path in paths {
            let a = try Data(contentsOf: first.appendingPathComponent(path))
            let b = try Data(contentsOf: second.appendingPathComponent(path))
            #expect(a == b, "\(path) differs between two runs with the same seed")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(folders.count == faults.count)
        for (name, fault) in zip(folders, faults) {
            let folder = first.appendingPathComponent(name)
            let truth = try truth(folder)
            #expect(name.hasSuffix("-" + fault))
            #expect(truth["fault"] as? String == fault)
            #expect((truth["guilty"] is NSNull) == (fault == "dependency-failure"))
            let args = try #require(truth["args"] as? [String])
            let listed = try String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)
            #expect(listed.split(separator: "\n").map(String.init) == args)
            for (index, argument) in args.enumerated() where argument == "--deploys" && index + 1 < args.count {
                let file = String(args[index + 1].split(separator: "=").last ?? "")
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(name): \(file)")
            }
            let logs = try files(under: folder.appendingPathComponent("logs"))
            #expect(!logs.isEmpty, "\(name) has no logs")
        }
    }

    @Test func differentSeedsDrawDifferentIncidents() throws {
        let first = temporaryFolder("seed-1"), second = temporaryFolder("seed-2")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try generate(seed: 1, faults: ["deploy-leak"], into: first)
        try generate(seed: 2, faults: ["deploy-leak"], into: second)
        let a = try truth(first.appendingPathComponent("001-deploy-leak"))
        let b = try truth(second.appendingPathComponent("001-deploy-leak"))
        #expect(a["window"] as? [String: String] != b["window"] as? [String: String])
    }

    /// A culprit answer naming `suspect` first with `verdict`.
    private func answer(_ suspect: [String: Any]?, verdict: String) throws -> Data {
        var suspects: [[String: Any]] = []
        if var suspect {
            suspect["rank"] = 1
            suspect["score"] = verdict == "likely" ? 0.9 : 0.2
            suspect["verdict"] = verdict
            suspect["change"] = suspect["kind"] ?? "deploy"
            suspect["at"] = suspect["time"]
            suspects.append(suspect)
        }
        return try JSONSerialization.data(withJSONObject: ["suspects": suspects, "anomalies": []])
    }

    @Test func scoreCountsRightAnswersAndFalseLikelies() throws {
        let root = temporaryFolder("score")
        defer { try? FileManager.default.removeItem(at: root) }
        try generate(seed: 5, faults: ["deploy-leak", "error-regression", "load-no-deploy"], into: root)
        let leak = root.appendingPathComponent("001-deploy-leak")
        let regression = root.appendingPathComponent("002-error-regression")
        let load = root.appendingPathComponent("003-load-no-deploy")
        // Right: the guilty change first, likely.
        let guilty = try #require(try truth(leak)["guilty"] as? [String: Any])
        try answer(guilty, verdict: "likely").write(to: leak.appendingPathComponent("culprit.json"))
        // Wrong: the right service an hour off, and unlikely.
        var elsewhere = try #require(try truth(regression)["guilty"] as? [String: Any])
        let time = try #require(elsewhere["time"] as? String)
        let at = try #require(ISO8601DateFormatter().date(from: time))
        elsewhere["time"] = ISO8601DateFormatter().string(from: at.addingTimeInterval(3_600))
        elsewhere["version"] = "0.0.0"
        try answer(elsewhere, verdict: "unlikely").write(to: regression.appendingPathComponent("culprit.json"))
        // Wrong: no change is guilty, yet one is called likely.
        try answer(["service": "checkout", "version": "1.0.0", "time": "2025-01-01T00:00:00Z"], verdict: "likely")
            .write(to: load.appendingPathComponent("culprit.json"))
        let table = root.appendingPathComponent("table.md")
        let result = try loggen(["score", root.path, "--markdown", table.path])
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOf: table, encoding: .utf8)
        #expect(markdown.contains("| `deploy-leak` | 1/1 | 100% | 0 |"), "\(markdown)")
        #expect(markdown.contains("| `error-regression` | 0/1 | 0% | 0 |"), "\(markdown)")
        #expect(markdown.contains("| `load-no-deploy` | 0/1 | 0% | 1 |"), "\(markdown)")
        #expect(markdown.contains("| **total** | 1/3 | 33% | 1 |"), "\(markdown)")
        #expect(result.stdout.contains("002-error-regression: guilty change not among suspects"), "\(result.stdout)")
        #expect(result.stdout.contains("003-load-no-deploy: an innocent change called likely"), "\(result.stdout)")
    }
}
