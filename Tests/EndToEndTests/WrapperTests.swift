import Foundation
import Testing

/// One sample scenario collected by one tool: `loggen collect` writes the
/// scenario's records the way kubectl, docker, journalctl, the OpenTelemetry
/// Collector or Cloud Logging print them.
struct CollectedScenario: CustomTestStringConvertible, Sendable {
    var scenario: SampleScenario
    var form: String

    var testDescription: String { "\(scenario.name) as \(form)" }

    static let forms = ["kubectl", "kubectl-prefix", "docker", "journald-json", "journald-export", "otlp", "gcp"]

    static var all: [CollectedScenario] {
        SampleScenario.all.flatMap { scenario in forms.map { CollectedScenario(scenario: scenario, form: $0) } }
    }

    /// Writes the collected form into a new temporary folder, which the caller removes.
    func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-\(form)-\(UUID().uuidString)")
        let result = try LoggenBinary.run(["collect", scenario.name, "--as", form, "--out", folder.path])
        guard result.status == 0 else { throw CollectError(message: result.stderr) }
        return folder
    }

    struct CollectError: Error, CustomStringConvertible {
        var message: String
        var description: String { "loggen collect failed: \(message)" }
    }

    /// Inputs and deploys of a collected folder, laid out as a sample's.
    static func arguments(in folder: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return [folder.appendingPathComponent("logs").path]
            + files.filter { $0.hasSuffix(".log") }.sorted().map { folder.appendingPathComponent($0).path }
            + files.filter { $0.hasPrefix("deploys.") }.sorted().flatMap { ["--deploys", folder.appendingPathComponent($0).path] }
    }
}

/// The built `loggen` (`LOGGEN_BIN` names another).
enum LoggenBinary {
    static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["LOGGEN_BIN"] { return explicit }
        for configuration in ["debug", "release"] {
            let candidate = CulpritBinary.packageRoot.appendingPathComponent(".build/\(configuration)/loggen").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return CulpritBinary.packageRoot.appendingPathComponent(".build/debug/loggen").path
    }

    static func run(_ arguments: [String]) throws -> CulpritBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CulpritBinary.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self),
                                    stdoutData: Data())
    }
}

/// What an analysis concluded, in the terms that must not depend on how the logs were collected.
struct Conclusion: Equatable, CustomStringConvertible {
    var service: String?
    var version: String?
    var change: String?
    var verdict: String?
    var at: Date?
    var anyLikely: Bool

    init(_ result: CulpritBinary.Result) throws {
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], "\(result.stderr)")
        let suspects = document["suspects"] as? [[String: Any]] ?? []
        let top = suspects.first
        service = top?["service"] as? String
        version = top?["version"] as? String
        change = top?["change"] as? String
        verdict = top?["verdict"] as? String
        at = (top?["at"] as? String).flatMap(Self.parse)
        anyLikely = suspects.contains { $0["verdict"] as? String == "likely" }
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The same suspect and verdict, its change within a second.
    func agrees(with other: Conclusion) -> Bool {
        guard service == other.service, version == other.version, change == other.change, verdict == other.verdict,
              anyLikely == other.anyLikely else { return false }
        switch (at, other.at) {
        case (nil, nil): return true
        case (let a?, let b?): return abs(a.timeIntervalSince(b)) <= 1
        default: return false
        }
    }

    var description: String {
        "\(service ?? "-") \(version ?? "-") \(change ?? "-") \(verdict ?? "-") at \(at.map { "\($0)" } ?? "-")"
    }
}

/// The same incident, collected as plain files or by kubectl, docker, journalctl,
/// the OpenTelemetry Collector or Cloud Logging, gives the same answer: the same
/// top suspect, verdict and change time, and the same events of every kind.
@Suite struct WrapperTests {
    static func plainConclusion(_ scenario: SampleScenario) throws -> (Conclusion, [String: Int]) {
        let arguments = scenario.inputs + scenario.deployArguments + (try scenario.zoneArguments)
        let analysis = try CulpritBinary.run(["analyze", "--format", "json"] + arguments)
        let events = try CulpritBinary.run(["extract", "--format", "ndjson"] + scenario.inputs + (try scenario.zoneArguments))
        return (try Conclusion(analysis), try counts(events))
    }

    /// Events per `service kind`.
    static func counts(_ result: CulpritBinary.Result) throws -> [String: Int] {
        var counts = [String: Int]()
        for line in result.stdout.split(separator: "\n") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            counts["\(event["service"] as? String ?? "?") \(event["kind"] as? String ?? "?")", default: 0] += 1
        }
        return counts
    }

    @Test(arguments: CollectedScenario.all)
    func collectedLogsGiveTheSameAnswerAsPlainFiles(_ collected: CollectedScenario) throws {
        let (plain, plainCounts) = try Self.plainConclusion(collected.scenario)
        let folder = try collected.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        // --tz as for the plain files: a host's syslog left beside container logs still needs it;
        // the wrappers' own times are UTC and must not move with it.
        let zone = try collected.scenario.zoneArguments
        let analysis = try CulpritBinary.run(["analyze", "--format", "json"] + CollectedScenario.arguments(in: folder) + zone)
        #expect(analysis.status == 0, "\(analysis.stderr)")
        let wrapped = try Conclusion(analysis)
        #expect(wrapped.agrees(with: plain), "plain: \(plain); \(collected.form): \(wrapped)")

        let inputs = CollectedScenario.arguments(in: folder).prefix { $0 != "--deploys" }
        let events = try CulpritBinary.run(["extract", "--format", "ndjson"] + inputs + zone)
        #expect(try Self.counts(events) == plainCounts)
    }

    @Test(arguments: ["journald-json", "journald-export"])
    func aJournalNeedsNoZone(_ form: String) throws {
        // The reported bug: the journal's UTC time ignored for MESSAGE's own local time,
        // so every event moved by an hour and the deploy showed twice.
        let seed = try #require(SampleScenario.all.first { $0.name == "2025-03-12-auth-leak" })
        let (plain, _) = try Self.plainConclusion(seed)
        let folder = try CollectedScenario(scenario: seed, form: form).write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let analysis = try CulpritBinary.run(["analyze", "--format", "json"] + CollectedScenario.arguments(in: folder))
        let wrapped = try Conclusion(analysis)
        #expect(wrapped.agrees(with: plain), "plain: \(plain); \(form): \(wrapped)")
        let document = try #require(try JSONSerialization.jsonObject(with: analysis.stdoutData) as? [String: Any])
        let suspects = document["suspects"] as? [[String: Any]] ?? []
        let authChanges = suspects.filter { $0["service"] as? String == "auth-service" && $0["version"] as? String == "2.3.1" }
        #expect(authChanges.map { $0["change"] as? String } .sorted { ($0 ?? "") < ($1 ?? "") } == ["deploy", "restart"],
                "2.3.1 deployed once and restarted once: \(authChanges)")
    }

    @Test func aReplayedJournalAlertsWhenThePlainFilesDo() throws {
        // Live, the journal's hour shift made the culprit alert fire 72 minutes late.
        let seed = try #require(SampleScenario.all.first { $0.name == "2025-03-12-auth-leak" })
        let folder = try CollectedScenario(scenario: seed, form: "journald-json").write()
        defer { try? FileManager.default.removeItem(at: folder) }
        func firstCulpritAlert(_ arguments: [String]) throws -> (time: Date, service: String)? {
            let result = try CulpritBinary.run(["watch", "--format", "ndjson", "--replay"] + arguments)
            for line in result.stdout.split(separator: "\n") where line.hasPrefix("{") {
                let alert = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if alert["kind"] as? String == "culprit", let time = (alert["time"] as? String).flatMap(Conclusion.parse) {
                    return (time, alert["service"] as? String ?? "")
                }
            }
            return nil
        }
        let plain = try #require(try firstCulpritAlert([seed.relativeLogs] + seed.deployArguments + (try seed.zoneArguments)))
        let journal = try #require(try firstCulpritAlert(CollectedScenario.arguments(in: folder)))
        #expect(journal.service == plain.service)
        #expect(abs(journal.time.timeIntervalSince(plain.time)) <= 1, "plain \(plain.time), journal \(journal.time)")
    }

    @Test(.enabled(if: RealDataTests.available, "../shared/realdata is not present"))
    func aRealCollectorExportNamesEachRecordsServiceAndTime() throws {
        let file = RealDataTests.realdata.appendingPathComponent("formats/otlp-json-logs.jsonl")
        let result = try CulpritBinary.run(["extract", "--format", "ndjson", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(!events.isEmpty)
        for event in events {
            #expect(event["ts"] is String, "\(event)")
            #expect(event["service"] as? String != "otlp-json-logs", "named after the file: \(event)")
        }
        #expect(events.contains { $0["service"] as? String == "order-service" && $0["kind"] as? String == "error" })
    }

    @Test func aSidecarsErrorsStayItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-sidecar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines: [String] = []
        for second in 0..<30 {
            let stamp = String(format: "2025-03-12T02:15:%02d.000000000Z", second)
            lines.append("[pod/auth-7d9f8c6b5-x2k4p/auth] \(stamp) 2025-03-12 03:15:\(String(format: "%02d", second)).000  INFO 1 --- [exec-1] c.e.A : Issued access token")
            lines.append(#"[pod/auth-7d9f8c6b5-x2k4p/envoy] \#(stamp) [\#(stamp.prefix(23))Z] "POST /oauth/token HTTP/1.1" 503 UC 0 95 5001 - "10.0.0.7" "okhttp/4.12.0" "a1b2" "auth" "10.42.0.9:8080""#)
        }
        let file = folder.appendingPathComponent("auth.log")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let result = try CulpritBinary.run(["extract", "--format", "ndjson", file.path])
        let counts = try Self.counts(result)
        #expect(counts["envoy http"] == 30)
        #expect(counts.keys.allSatisfy { !$0.hasPrefix("auth http") }, "\(counts)")
    }
}
