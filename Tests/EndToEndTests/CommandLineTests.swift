import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func builtInPatternExamplesAllPass() throws {
        let result = try CulpritBinary.run(["patterns", "test"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 failed"))
    }

    @Test func missingInputIsNamedAndExitsTwo() throws {
        let result = try CulpritBinary.run(["extract", "no/such/file.log"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/file.log: no such file or directory"))
    }

    @Test func oneMissingInputAmongSeveralStillReadsTheRest() throws {
        let result = try CulpritBinary.run(["extract", "no/such/file.log", "-"], input: Data("2025-03-12T02:15:02Z ERROR boom\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"ref\":\"-:1\""))
        #expect(result.stderr.contains("no/such/file.log"))
    }

    @Test func badPatternFileFailsWithFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("patterns:\n  - id: broken\n    kind: memory\n    literals: [x]\n    regex: '(unclosed'\n".utf8)
            .write(to: directory.appendingPathComponent("bad.yaml"))
        let result = try CulpritBinary.run(["extract", "--patterns", directory.path, "-"], input: Data())
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:5:"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func badDeploysFileFailsWithFileAndLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("deploys-\(UUID().uuidString).csv").path
        try Data("time,service,version\nnot-a-time,auth,1\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CulpritBinary.run(["analyze", "--deploys", path, "-"], input: Data())
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):2: cannot read time"))
    }

    @Test func outputFileIsWrittenAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("events.ndjson").path
        let result = try CulpritBinary.run(["extract", "-o", output, "-"], input: Data("2025-03-12T02:15:02Z ERROR boom\n".utf8))
        #expect(result.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["events.ndjson"])
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"kind\":\"error\""))
    }

    @Test func closedStdoutEndsQuietly() throws {
        var log = ""
        for index in 0..<200_000 { log += "2025-03-12T02:15:02Z ERROR failure \(index)\n" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(CulpritBinary.path)' extract - | head -n 1 >/dev/null"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(log.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("error"), "\(stderr)")
    }
}

@Suite struct RealDataTests {
    static let realdata = CulpritBinary.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    static var available: Bool { FileManager.default.fileExists(atPath: realdata.path) }

    @Test(.enabled(if: RealDataTests.available, "../shared/realdata is not present"))
    func everyRealFormatSampleIsReadWithoutCrashing() throws {
        let result = try CulpritBinary.run(["extract", "--quiet", Self.realdata.appendingPathComponent("formats").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count > 100)
    }

    @Test(.enabled(if: RealDataTests.available, "../shared/realdata is not present"))
    func logHubSamplesHaveNoOutOfMemoryEvents() throws {
        let folder = Self.realdata.appendingPathComponent("loghub")
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }.sorted()
        #expect(logs.count >= 16)
        let result = try CulpritBinary.run(["extract", "--quiet"] + logs.map { folder.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\"kind\":\"oom\""))
    }

    @Test(.enabled(if: RealDataTests.available, "../shared/realdata is not present"))
    func realNginxBurstOf500sIsAnErrorSpikeWithNoLikelyCulprit() throws {
        let result = try CulpritBinary.run(["analyze", "--format", "json", Self.realdata.appendingPathComponent("nginx-access-combined-zanbil-100k.log.gz").path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let anomalies = document["anomalies"] as? [[String: Any]] ?? []
        let spike = try #require(anomalies.first { $0["kind"] as? String == "error_spike" })
        #expect((spike["start"] as? String)?.hasPrefix("2019-01-26T16:1") == true, "\(spike)")
        #expect((document["suspects"] as? [[String: Any]] ?? []).allSatisfy { $0["verdict"] as? String != "likely" })
    }
}
