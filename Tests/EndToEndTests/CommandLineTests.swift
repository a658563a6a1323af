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

@Suite struct UndatedEvidenceTests {
    /// Real files whose OOM records carry no clock time: kernel ring buffers with
    /// uptime stamps, Go and Node crash dumps, a Tomcat catalina.out whose lines
    /// are dated in java.util.logging's own format.
    static let files = ["kernel-oom-dmesg-global-stressng.log", "kernel-oom-memcg-dmesg-lkml2019.log", "go-fatal-oom-go1.12.log",
                        "go-fatal-oom-go1.19-fpsp.log", "node-heap-oom-v20-native-stack.log", "node-heap-oom-v12-windows.log",
                        "java-oom-tomcat-juli.log"]

    @Test(.enabled(if: RealDataTests.available, "../shared/realdata is not present"), arguments: files)
    func realOOMWithoutAClockTimeIsStillAnOOMAnomaly(file: String) throws {
        let path = RealDataTests.realdata.appendingPathComponent("formats/\(file)").path
        let result = try CulpritBinary.run(["analyze", "--format", "json", path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let anomalies = document["anomalies"] as? [[String: Any]] ?? []
        let oom = try #require(anomalies.first { $0["kind"] as? String == "oom" }, "\(file): \(anomalies)")
        if oom["start"] is NSNull { #expect(oom["time_quality"] as? String == "unknown") }
        let table = try CulpritBinary.run(["analyze", "--format", "table", path])
        #expect(!table.stdout.contains("No anomalies found"), "\(file)")
    }

    @Test func recordWithoutItsOwnTimeTakesTheLineBeforeAndSaysSo() throws {
        let log = """
        2025-03-12T01:00:00Z INFO started
        fatal error: runtime: out of memory
        """
        let result = try CulpritBinary.run(["extract", "-"], input: Data((log + "\n").utf8))
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("\"kind\":\"oom\"") })
        #expect(line.contains("\"ts\":\"2025-03-12T01:00:00Z\",\"time_quality\":\"estimated\""), "\(line)")
        let alone = try CulpritBinary.run(["extract", "-"], input: Data("fatal error: runtime: out of memory\n".utf8))
        #expect(alone.stdout.contains("\"ts\":null,\"time_quality\":\"unknown\""), "\(alone.stdout)")
    }
}

@Suite struct InputAccountTests {
    @Test func folderWithAMetricsCSVNamesItAsUnreadEverywhere() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("adservice"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "timestamp,pod,cpu_cores,memory_working_set_bytes\n"
        for minute in 0..<600 { csv += "2025-03-12T01:\(String(format: "%02d", minute % 60)):00Z,adservice-7c9f,0.41,\(300_000_000 + minute * 10_000)\n" }
        try Data(csv.utf8).write(to: directory.appendingPathComponent("adservice/metrics.csv"))
        try Data("# Counts\n\n| kind | n |\n|---|---|\n| out of memory | 3 |\n".utf8).write(to: directory.appendingPathComponent("COUNTS.md"))
        try Data("2025-03-12T01:00:00Z INFO checkout started\n2025-03-12T01:05:00Z ERROR payment failed\n".utf8)
            .write(to: directory.appendingPathComponent("checkout.log"))

        let json = try CulpritBinary.run(["analyze", "--format", "json", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr.contains("adservice/metrics.csv: 601 lines read, nothing recognised (looks like CSV metrics)"), "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let inputs = try #require(document["inputs"] as? [[String: Any]])
        let metrics = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("metrics.csv") == true })
        #expect(metrics["events"] as? Int == 0)
        #expect(metrics["lines"] as? Int == 601)
        #expect(metrics["looks_like"] as? String == "CSV metrics")
        let counts = try #require(inputs.first { ($0["path"] as? String)?.hasSuffix("COUNTS.md") == true })
        #expect(counts["skipped"] as? String == "not a log (.md)")
        #expect(!((document["anomalies"] as? [[String: Any]]) ?? []).contains { $0["kind"] as? String == "oom" })
        for format in ["table", "markdown", "html"] {
            let rendered = try CulpritBinary.run(["analyze", "--format", format, directory.path])
            #expect(rendered.stdout.contains("recognised nothing in 1 of 2 files"), "\(format): \(rendered.stdout.prefix(600))")
        }
    }

    @Test func everyInputIsAccountedForWhateverBatchItEndsIn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // More small files than a batch holds: the last closes in a round that reads no chunk.
        for index in 0..<9 {
            try Data("2025-03-12T01:0\(index):00Z ERROR payment failed\n".utf8).write(to: directory.appendingPathComponent("svc\(index).log"))
        }
        let result = try CulpritBinary.run(["analyze", "--format", "json", directory.path])
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect((document["inputs"] as? [[String: Any]])?.count == 9, "\(document["inputs"] ?? "")")
    }

    @Test func onlyUnreadableInputsSayTheDataIsLackingNotHealthy() throws {
        var csv = "time,cpu,memory\n"
        for index in 0..<100 { csv += "\(index),0.5,\(index * 1000)\n" }
        let result = try CulpritBinary.run(["analyze", "--format", "table", "-"], input: Data(csv.utf8))
        #expect(!result.stdout.contains("No anomalies found"), "\(result.stdout)")
        #expect(result.stdout.contains("cannot say whether anything is wrong"), "\(result.stdout)")
    }
}
