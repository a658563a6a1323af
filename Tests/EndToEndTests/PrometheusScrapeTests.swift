import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `watch --metrics` scraped by a real Prometheus server on loopback.
@Suite(.serialized) struct PrometheusScrapeTests {
    static var prometheus: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") + ["/usr/bin", "/usr/sbin"] {
            let candidate = "\(directory)/prometheus"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func fetch(_ url: String) -> String? {
        guard let url = URL(string: url), let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func waitFor(seconds: Double, _ body: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if body() { return true }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return false
    }

    @Test func followedFileLinesAreACounterAndTheWindowGaugeHoldsOnlyTheWindow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 120 ERROR lines, one every 30 s of log time from 01:00:00 to 01:59:30.
        let lines = (0..<120).map { String(format: "2025-03-12T01:%02d:%02dZ ERROR request failed id=%d\n", $0 / 2, $0 % 2 * 30, $0) }
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: directory + "/app.log"))
        let watch = try MetricsWatch(arguments: ["watch", directory + "/app.log", "--window", "10m", "--quiet"])
        defer { watch.stop() }
        #expect(watch.waitUntil(seconds: 10) { $0["culprit_lines_read_total"] == 120 }, "\(watch.scrape())")
        // The window keeps whole log minutes from 01:49 (the minute 10 min before 01:59:30) on: 11 minutes, 2 lines each.
        #expect(watch.scrape()["culprit_events_in_window"] == 22)
        let text = MetricsWatch.fetch(port: watch.port) ?? ""
        #expect(text.contains("# TYPE culprit_lines_read_total counter"), "\(text)")
        #expect(text.contains("# TYPE culprit_events_in_window gauge"), "\(text)")
    }

    @Test func eachInputSaysWhatItGaveAndAFileCulpritFindsNothingInIsVisible() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = (0..<30).map { String(format: "2025-03-12T01:%02d:00Z ERROR request failed id=%d\n", $0, $0) }
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: directory + "/app.log"))
        // A metrics CSV: lines, and no event in them.
        let csv = "timestamp,pod,cpu\n" + (0..<20).map { "2025-03-12T01:\(String(format: "%02d", $0)):00Z,auth-1,0.\($0)\n" }.joined()
        try Data(csv.utf8).write(to: URL(fileURLWithPath: directory + "/cpu.csv"))
        let watch = try MetricsWatch(arguments: ["watch", directory, "--quiet"])
        defer { watch.stop() }
        #expect(watch.waitUntil(seconds: 10) { $0["culprit_lines_read_total"] == 51 }, "\(watch.scrape())")
        let text = MetricsWatch.fetch(port: watch.port) ?? ""
        #expect(text.contains("# TYPE culprit_input_lines_total counter"), "\(text)")
        #expect(text.contains("culprit_input_lines_total{path=\"\(directory)/app.log\",format=\"timestamp-prefix\"} 30\n"), "\(text)")
        #expect(text.contains("culprit_input_events_total{path=\"\(directory)/app.log\",format=\"timestamp-prefix\"} 30\n"), "\(text)")
        #expect(text.contains("culprit_input_lines_total{path=\"\(directory)/cpu.csv\",format=\"text\"} 21\n"), "\(text)")
        #expect(text.contains("culprit_input_events_total{path=\"\(directory)/cpu.csv\",format=\"text\"} 0\n"), "\(text)")
    }

    @Test func theFiveHundredsRatioAndTheErrorsPerMinuteAreSeparateSeriesAndTheOldNameStays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Ten log minutes: each has 4 requests (one a 503) and 2 ERROR records.
        var lines = ""
        for minute in 0..<10 {
            for (second, status) in [(0, 503), (10, 200), (20, 200), (30, 200)] {
                lines += String(format: "10.0.0.1 - - [12/Mar/2025:01:%02d:%02d +0000] \"GET /login HTTP/1.1\" %d 12 \"-\" \"curl/8.0\"\n", minute, second, status)
            }
            lines += String(format: "2025-03-12T01:%02d:40Z ERROR session store timed out\n2025-03-12T01:%02d:50Z ERROR session store timed out\n", minute, minute)
        }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: directory + "/gw.log"))
        let watch = try MetricsWatch(arguments: ["watch", directory + "/gw.log", "--service", "gw=*/gw.log", "--quiet"])
        defer { watch.stop() }
        #expect(watch.waitUntil(seconds: 10) { $0["culprit_lines_read_total"] == 60 }, "\(watch.scrape())")
        let text = MetricsWatch.fetch(port: watch.port) ?? ""
        #expect(text.contains("culprit_http_5xx_ratio{service=\"gw\"} 0.25\n"), "\(text)")
        #expect(text.contains("culprit_errors_per_minute{service=\"gw\"} 2.0\n"), "\(text)")
        #expect(text.contains("culprit_error_rate{service=\"gw\"} 0.25\n"), "the old series keeps its meaning: \(text)")
    }

    @Test(.enabled(if: PrometheusScrapeTests.prometheus != nil, "prometheus is not installed (scripts/install-deps.sh test installs it)"))
    func seriesArriveInPrometheus() throws {
        let metricsPort = Int.random(in: 20_000...29_999)
        let webPort = metricsPort + 10_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let watch = Process()
        watch.executableURL = URL(fileURLWithPath: CulpritBinary.path)
        watch.arguments = ["watch", "-", "--service", "auth-service=-", "--tz", "Africa/Lagos", "--quiet", "--metrics", "127.0.0.1:\(metricsPort)"]
        let input = Pipe()
        watch.standardInput = input
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        defer { watch.terminate(); watch.waitUntilExit() }
        let log = try Data(contentsOf: CulpritBinary.packageRoot.appendingPathComponent("samples/2025-03-12-auth-leak/logs/auth-service/app.log"))
        input.fileHandleForWriting.write(log)

        #expect(Self.waitFor(seconds: 20) { Self.fetch("http://127.0.0.1:\(metricsPort)/metrics")?.contains("culprit_memory_bytes{service=\"auth-service\"}") == true },
                "watch did not serve culprit_memory_bytes")

        let config = """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: culprit
            static_configs:
              - targets: ["127.0.0.1:\(metricsPort)"]
        """
        try Data(config.utf8).write(to: directory.appendingPathComponent("prometheus.yml"))
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.prometheus!)
        server.arguments = ["--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
                            "--web.listen-address=127.0.0.1:\(webPort)"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }

        let query = "http://127.0.0.1:\(webPort)/api/v1/query?query=culprit_memory_bytes"
        var answer = ""
        let arrived = Self.waitFor(seconds: 45) {
            answer = Self.fetch(query) ?? ""
            return answer.contains("\"service\":\"auth-service\"")
        }
        #expect(arrived, "Prometheus never returned the series: \(answer)")
        let score = Self.fetch("http://127.0.0.1:\(webPort)/api/v1/query?query=culprit_top_suspect_score") ?? ""
        #expect(score.contains("\"status\":\"success\""))
    }
}
