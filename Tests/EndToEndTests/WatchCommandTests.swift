import Foundation
import Testing

@Suite struct WatchCommandTests {
    func alerts(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func time(_ text: String?) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    @Test(arguments: [
        (["watch", "samples", "--state", "/tmp/culprit-state-unused"], "it needs --sink"),
        (["watch", "-", "--state", "/tmp/culprit-state-unused", "--sink", "clickhouse://127.0.0.1:1/db"], "a pipe or a --replay cannot be gone on with"),
    ])
    func stateWithoutAShippedFollowIsAUsageError(arguments: [String], says: String) throws {
        let result = try CulpritBinary.run(arguments, input: Data())
        #expect(result.status == 2)
        #expect(result.stderr.contains(says), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/culprit-state-unused"))
    }

    @Test func replayOfTheIncidentNamesTheDeployWithinFifteenMinutesAndBeforeTheOOM() throws {
        let sample = "samples/2025-03-12-auth-leak"
        let result = try CulpritBinary.run(["watch", "--replay", "--format", "ndjson", "--quiet", "--tz", "Africa/Lagos",
                                            "--deploys", "\(sample)/deploys.csv", "\(sample)/logs"])
        #expect(result.status == 0, "\(result.stderr)")
        let all = try alerts(result.stdout)
        let culprit = try #require(all.first { $0["kind"] as? String == "culprit" }, "no culprit alert in \(all.count) alerts")
        let suspect = try #require(culprit["suspect"] as? [String: Any])
        #expect(suspect["service"] as? String == "auth-service")
        #expect(suspect["version"] as? String == "2.3.1")
        #expect(suspect["change"] as? String == "deploy")
        let deployAt = try #require(time(suspect["at"] as? String))
        let alertAt = try #require(time(culprit["time"] as? String))
        #expect(alertAt.timeIntervalSince(deployAt) <= 15 * 60, "alert at \(alertAt), deploy at \(deployAt)")
        let firstOOM = all.first { $0["kind"] as? String == "oom" }
        if let oomAt = time(firstOOM?["time"] as? String) { #expect(alertAt < oomAt) }
        #expect(all.contains { $0["kind"] as? String == "resolved" }, "no resolved alert after the rollback")
    }

    @Test func replayOfAPreexistingLeakRaisesNoCulpritAlert() throws {
        let sample = "samples/preexisting-leak"
        let result = try CulpritBinary.run(["watch", "--replay", "--format", "ndjson", "--quiet", "--deploys", "\(sample)/deploys.csv", "\(sample)/logs"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!(try alerts(result.stdout)).contains { $0["kind"] as? String == "culprit" })
    }

    @Test func pipedServiceLogRaisesTheCulpritAlert() throws {
        let sample = "samples/2025-03-12-auth-leak"
        let log = try Data(contentsOf: CulpritBinary.packageRoot.appendingPathComponent("\(sample)/logs/auth-service/app.log"))
        let result = try CulpritBinary.run(["watch", "-", "--service", "auth-service=-", "--format", "ndjson", "--quiet", "--tz", "Africa/Lagos",
                                            "--deploys", "\(sample)/deploys.csv"], input: log)
        #expect(result.status == 0, "\(result.stderr)")
        let culprit = try alerts(result.stdout).first { $0["kind"] as? String == "culprit" }
        #expect((culprit?["suspect"] as? [String: Any])?["version"] as? String == "2.3.1")
        #expect((culprit?["refs"] as? [String])?.contains { $0.hasPrefix("-:") } == true)
    }

    @Test func execRunsOncePerAlertWithItsJSON() throws {
        let sample = "samples/2025-03-12-auth-leak"
        let sinkPath = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: sinkPath) }
        let result = try CulpritBinary.run(["watch", "--replay", "--format", "ndjson", "--quiet", "--tz", "Africa/Lagos", "--deploys", "\(sample)/deploys.csv",
                                            "--exec", "cat >> '\(sinkPath)'", "\(sample)/logs"])
        #expect(result.status == 0)
        let delivered = try String(contentsOfFile: sinkPath, encoding: .utf8)
        #expect(delivered.split(separator: "\n").count == result.stdout.split(separator: "\n").count)
        #expect(delivered.contains("\"kind\":\"culprit\""))
    }

    @Test func alertReachesTheReaderWithinASecondOnALivePipe() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
        process.arguments = ["watch", "-", "--format", "ndjson", "--quiet"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        input.fileHandleForWriting.write(Data("2025-03-12T02:00:00Z INFO auth-service started\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        let sent = Date()
        input.fileHandleForWriting.write(Data("2025-03-12T02:00:01Z kernel: Out of memory: Killed process 4021 (auth-service) total-vm:4712844kB, anon-rss:2048885kB\n".utf8))
        var received = Data()
        while !received.contains(0x0A), Date().timeIntervalSince(sent) < 10 {
            received += output.fileHandleForReading.availableData
        }
        let latency = Date().timeIntervalSince(sent)
        #expect(String(decoding: received, as: UTF8.self).contains("\"kind\":\"oom\""))
        #expect(latency < 2, "alert took \(latency) s")
    }

    @Test func sigtermPrintsTheSummaryAndExitsZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("2025-03-12T02:00:00Z ERROR auth-service token validation failed\n".utf8).write(to: URL(fileURLWithPath: dir + "/auth.log"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
        process.arguments = ["watch", dir]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.terminate()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("No anomalies found.") || text.contains("Anomalies"), "\(text)")
    }

    @Test func followedFolderSeesNewFilesAndARenamedFileIsNotReadTwice() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("watch-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
        process.arguments = ["watch", dir, "--format", "ndjson", "--quiet"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1)
        try Data("2025-03-12T02:00:00Z kernel: Out of memory: Killed process 4021 (auth) total-vm:1kB, anon-rss:2kB\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/auth.log"))
        Thread.sleep(forTimeInterval: 2.5)
        try FileManager.default.moveItem(atPath: dir + "/auth.log", toPath: dir + "/auth.log.1")
        try Data("2025-03-12T02:40:00Z kernel: Out of memory: Killed process 4022 (auth) total-vm:1kB, anon-rss:2kB\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/auth.log"))
        Thread.sleep(forTimeInterval: 3)
        process.terminate()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let ooms = text.split(separator: "\n").filter { $0.contains("\"kind\":\"oom\"") }
        #expect(ooms.count == 2, "\(text)")
        #expect(ooms.first?.contains("02:00:00") == true)
        #expect(ooms.last?.contains("02:40:00") == true)
    }
}
