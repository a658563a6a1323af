import CZlib
import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// The HTML report as a person sees it: what the page says, what it must never
/// do (load anything, run anything, pass log text through unescaped), and that
/// a real browser draws it.
@Suite struct HTMLScreenshotTests {
    @Test func everyServiceWithMemoryOrErrorDataGetsAChart() {
        let html = FindingsHTML.render(LeakScenario.findings)
        for service in ["auth-service", "api-gateway", "postgres"] {
            let section = html.section(id: "svc-" + service)
            #expect(section?.contains("<svg") == true, "no chart for \(service)")
        }
        #expect(html.section(id: "svc-billing") == nil, "billing has no memory or error data, so no chart")
        #expect(html.occurrences(of: "<svg") == 3)
    }

    @Test func theSuspectDeployIsAMarkerLabelledWithItsVersion() throws {
        let html = FindingsHTML.render(LeakScenario.findings)
        let auth = try #require(html.section(id: "svc-auth-service"))
        #expect(auth.contains("<g class=\"marker m-deploy focus\">"))
        #expect(auth.contains(">deploy 2.3.1 · suspect</text>"))
        #expect(auth.contains(">rollback 2.3.0</text>"))
        #expect(auth.contains("<g class=\"marker m-other\">"), "another service's deploy is drawn faintly")
        #expect(auth.contains("<circle class=\"event\""), "the OOM kill is a red point")
    }

    @Test func headlineNamesTheCulpritFirst() throws {
        let html = FindingsHTML.render(LeakScenario.findings)
        let headline = try #require(html.between("<h1>", "</h1>")).strippingTags
        #expect(headline == "auth-service 2.3.1 (deploy at 2025-03-12 00:50 UTC) is the likely culprit — score 0.97")
        #expect(html.range(of: "<h1>")!.lowerBound < html.range(of: "<svg")!.lowerBound)
    }

    @Test func noCulpritSaysSoAndWhyTheTroublePredatesTheLogs() throws {
        var findings = LeakScenario.findings
        findings.suspects = []
        for index in findings.anomalies.indices { findings.anomalies[index].preExisting = true }
        let html = FindingsHTML.render(findings)
        #expect(try #require(html.between("<h1>", "</h1>")) == "No change explains the anomalies")
        #expect(html.contains("was already under way when the logs begin"))
    }

    @Test func logTextIsEscaped() {
        let html = FindingsHTML.render(LeakScenario.findings)
        #expect(html.contains("GET /login?next=&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"))
        #expect(!html.contains("alert(\"pwned\")"))
    }

    @Test func reportLoadsNothingAndRunsNoScript() {
        let html = FindingsHTML.render(LeakScenario.findings, title: "auth <outage> & co")
        #expect(!html.lowercased().contains("<script"))
        for reference in ["http://", "https://", "src=", "url(", "@import", "<link", "<iframe", "<object"] {
            #expect(!html.contains(reference), "the page refers to \(reference)")
        }
        #expect(html.contains("<title>auth &lt;outage&gt; &amp; co</title>"))
    }

    @Test func printedPagesKeepChartsWhole() {
        let html = FindingsHTML.render(LeakScenario.findings)
        #expect(html.contains("@media print"))
        #expect(html.contains(".chart-card,.why li,tr,pre.lines{break-inside:avoid"))
    }

    @Test func aSingleSampleIsADotInTheMiddleOfTenMinutes() throws {
        let minute = LeakScenario.minute(60)
        let series = ServiceSeries(service: "solo", memory: [(minute, 300 * 1_048_576)], memoryLimit: nil, errors: [], ooms: [])
        let findings = Findings(window: (minute * 60_000_000, minute * 60_000_000), suspects: [], anomalies: [], changes: [],
                                timeline: [], services: [series], eventCount: 1)
        let html = FindingsHTML.render(findings)
        #expect(html.contains("<circle class=\"dot mem\""))
        #expect(!html.contains("nan") && !html.contains("inf"))
    }

    @Test func thousandsOfSamplesAreDrawnWithAtMost600PointsAndKeepThePeak() throws {
        let samples = (0..<5000).map { (minute: Int64($0), value: $0 == 3217 ? 9000.0 : Double($0 % 50)) }
        let line = ChartLine(minutes: samples)
        #expect(line.points.count <= 600)
        #expect(line.points.contains { $0.value == 9000 })
        #expect(line.points.first?.time == 0 && line.points.last?.time == 4999 * 60_000_000)
    }

    @Test func missingMinutesOverTenBreakTheLine() {
        let samples = (0..<30).map { (minute: Int64($0), value: 1.0) } + (45..<60).map { (minute: Int64($0), value: 2.0) }
        let line = ChartLine(minutes: samples)
        #expect(line.points.filter(\.startsSegment).map(\.time) == [0, 45 * 60_000_000])
        let short = ChartLine(minutes: [(0, 1), (10, 1)])
        #expect(short.points.filter(\.startsSegment).count == 1, "ten missing minutes or fewer are not a gap")
    }

    @Test func aFlatSeriesKeepsAnAxisAboveIt() {
        #expect(ValueAxis.bytes(max: 0).top > 0)
        let flat = ValueAxis.bytes(max: 400 * 1_048_576)
        #expect(flat.top > 400 * 1_048_576)
        #expect(flat.labels.last?.hasSuffix("MB") == true)
        #expect(ValueAxis.percent(max: 0).top > 0)
        #expect(ValueAxis.percent(max: 100).top == 100)
        #expect(ValueAxis.count(max: 0).ticks.allSatisfy { $0 == $0.rounded() })
    }

    @Test func aLongNoisyIncidentStaysWithinBounds() throws {
        let html = FindingsHTML.render(BusyScenario.findings)
        let lines = html.components(separatedBy: "<path class=\"line mem\" d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(lines.count == 1)
        for line in lines {
            #expect(line.filter { $0 == "M" || $0 == "L" }.count <= 600)
            #expect(line.filter { $0 == "M" }.count == 3, "two gaps of over ten minutes break the line twice")
        }
        #expect(html.occurrences(of: "<g class=\"marker m-restart\">") >= 40, "every restart is drawn")
        #expect(html.contains(">40 restarts 7.0.0</text>"), "a restart loop is one label that counts the restarts")
        #expect(html.contains(">5 other deploys</text>"))
        #expect(html.contains(">deploy 7.0.0 · suspect</text>"), "the suspect is always labelled")
        if let folder = ProcessInfo.processInfo.environment["CULPRIT_SCREENSHOT_DIR"] {
            try html.write(toFile: folder + "/busy.html", atomically: true, encoding: .utf8)
        }
    }

    @Test func markerLabelsThatWouldCollideAreStaggered() {
        let changes = (0..<3).map { index in
            ChangeMarker(service: "auth-service", version: "2.3.\(index)", kind: .deploy, time: Int64(index) * 1_000_000, evidence: [])
        }
        let markers = changes.map { ChartMarker($0, own: true, emphasized: false) }
        let layout = MarkerLabelLayout(markers: markers, xs: [100, 102, 104], plotRight: 1000)
        #expect(layout.placements.allSatisfy { $0.row != nil }, "three labels fit in four rows")
        #expect(layout.rowCount > 1)
        for (a, b) in [(0, 1), (0, 2), (1, 2)] where layout.placements[a].row == layout.placements[b].row {
            let (first, second) = (layout.placements[a], layout.placements[b])
            #expect(first.right <= second.left || second.right <= first.left, "labels \(a) and \(b) overlap")
        }
        let apart = MarkerLabelLayout(markers: markers, xs: [100, 400, 700], plotRight: 1000)
        #expect(apart.placements.map(\.row) == [0, 0, 0])
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (scripts/install-deps.sh test installs it)"))
    func aBrowserDrawsTheReport() throws {
        // CULPRIT_SCREENSHOT_DIR keeps the page and the picture, to look at them.
        let kept = ProcessInfo.processInfo.environment["CULPRIT_SCREENSHOT_DIR"].map { URL(fileURLWithPath: $0) }
        let folder = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("culprit-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        let page = folder.appendingPathComponent("report.html")
        try FindingsHTML.render(LeakScenario.findings).write(to: page, atomically: true, encoding: .utf8)
        let png = folder.appendingPathComponent("report.png")
        let profile = folder.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        try? FileManager.default.removeItem(at: png)
        try Chromium.screenshot(page, to: png, profile: profile)
        let image = try PNGImage(data: Data(contentsOf: png))
        #expect(image.width == 1280)
        #expect(image.distinctColors > 50, "the screenshot has \(image.distinctColors) colours: blank or unstyled")
        #expect(image.share { $0 != image.pixel(x: 2, y: image.height - 2) } > 0.03, "the screenshot is nearly all background")
        let memoryBlue: (UInt8, UInt8, UInt8) = (0x1D, 0x4E, 0xD8)
        #expect(image.count(near: memoryBlue) > 300, "no memory line drawn")
    }
}

// MARK: - The leak scenario

/// The 2025-03-12 outage in small: auth-service 2.3.1 leaks from its deploy at
/// 00:50 UTC until an OOM kill, a restart and the rollback at 04:00; the gateway's
/// 503s and the database's slow queries follow it.
enum LeakScenario {
    static let start = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 0, minute: 0, second: 0) * 1_000_000

    /// Minutes since the epoch, `offset` minutes after 00:00 UTC.
    static func minute(_ offset: Int) -> Int64 { start / 60_000_000 + Int64(offset) }
    static func time(_ offset: Int, second: Int = 0) -> Int64 { start + Int64(offset * 60 + second) * 1_000_000 }

    static func line(_ path: String, _ number: Int, _ offset: Int, _ text: String) -> EvidenceLine {
        EvidenceLine(ref: SourceRef(path: path, line: number), time: time(offset), text: text)
    }

    static let app = "logs/auth-service/app.log"
    static let deploy = ChangeMarker(service: "auth-service", version: "2.3.1", kind: .deploy, time: time(50), previousVersion: "2.3.0",
                                     evidence: [line("deploys.csv", 3, 50, "2025-03-12T01:50:00+01:00,auth-service,2.3.1,deploy,9f2c1e4,ci-bot")])
    static let oomKill = line("logs/auth-service/syslog", 14, 202, "Mar 12 04:22:41 auth-vm-1 kernel: Out of memory: Killed process 2231 (java) total-vm:4194304kB, anon-rss:2097152kB")
    static let injected = line("logs/api-gateway/access.log", 88_412, 135,
                               "10.0.4.17 - - [12/Mar/2025:03:15:02 +0100] \"GET /login?next=<script>alert(\"pwned\")</script> HTTP/1.1\" 503 197 \"-\" \"curl/8.5\" 10.004")

    static var changes: [ChangeMarker] {
        [
            ChangeMarker(service: "billing", version: "1.4.0", kind: .deploy, time: time(53), evidence: []),
            deploy,
            ChangeMarker(service: "postgres", version: "15.6", kind: .restart, time: time(160), evidence: []),
            ChangeMarker(service: "auth-service", version: "2.3.1", kind: .restart, time: time(210), evidence: [line(app, 20_911, 210, "Starting AuthApplication v2.3.1 using Java 17.0.10 with PID 2417")]),
            ChangeMarker(service: "auth-service", version: "2.3.0", kind: .rollback, time: time(240), previousVersion: "2.3.1",
                         evidence: [line("deploys.csv", 4, 240, "2025-03-12T05:00:00+01:00,auth-service,2.3.0,rollback,41ab0d2,oncall")]),
        ]
    }

    static var memory: [(minute: Int64, bytes: Double)] {
        let megabyte = 1_048_576.0
        return (0..<285).compactMap { offset in
            if (203..<210).contains(offset) || (218..<232).contains(offset) { return nil }
            let noise = Double((offset * 37) % 11) - 5
            let megabytes: Double
            switch offset {
            case ..<50: megabytes = 400 + noise
            case ..<203: megabytes = 400 + Double(offset - 50) * 10.6 + noise
            case ..<240: megabytes = 400 + Double(offset - 210) * 10.6 + noise
            default: megabytes = 405 + noise
            }
            return (minute(offset), megabytes * megabyte)
        }
    }

    static var gatewayMinutes: [(minute: Int64, errors: Int, requests: Int)] {
        (0..<285).map { offset in
            let errors = (135..<270).contains(offset) ? 160 + (offset % 7) * 3 : offset % 13 == 0 ? 1 : 0
            return (minute(offset), errors, 200 + offset % 17)
        }
    }

    static var postgresMinutes: [(minute: Int64, errors: Int, requests: Int)] {
        (0..<285).compactMap { offset in
            if (160..<164).contains(offset) { return nil }
            return (minute(offset), (140..<265).contains(offset) ? 4 + offset % 6 : offset % 29 == 0 ? 1 : 0, 0)
        }
    }

    static var anomalies: [Anomaly] {
        [
            Anomaly(service: "auth-service", kind: .memoryGrowth, start: time(51), end: time(240),
                    summary: "memory grew 10.6 MB/min from 400 MB (flat before)",
                    evidence: [line(app, 3_120, 51, "2025-03-12 01:51:00.412 INFO 2231 --- [metrics] c.a.auth.Health : heap rss=402MB"),
                               line(app, 14_877, 180, "2025-03-12 04:00:00.409 INFO 2231 --- [metrics] c.a.auth.Health : heap rss=1767MB")],
                    magnitude: 10.6 * 1_048_576),
            Anomaly(service: "api-gateway", kind: .errorSpike, start: time(135), end: time(270),
                    summary: "5xx rose to 80% of requests (from 0.2%)", evidence: [injected], magnitude: 400),
            Anomaly(service: "postgres", kind: .latencySpike, start: time(140), end: time(265),
                    summary: "slow queries: up to 12.4 s (from 3 ms)",
                    evidence: [line("logs/postgres/postgresql-2025-03-12_000000.log", 9_021, 140,
                                    "2025-03-12 03:20:04.118 WAT [4411] LOG:  duration: 12403.551 ms  statement: SELECT * FROM sessions WHERE token = $1")],
                    magnitude: 4100),
            Anomaly(service: "auth-service", kind: .oom, start: time(202), end: time(202), summary: "1 OOM kill", evidence: [oomKill], magnitude: 1),
        ]
    }

    static var suspects: [Suspect] {
        let lines = anomalies.map(\.evidence)
        return [
            Suspect(change: deploy, score: 0.97, verdict: .likely, evidence: [
                .init(signal: "change", summary: "auth-service deployed 2.3.1 (was 2.3.0)", lines: deploy.evidence, weight: 0),
                .init(signal: "memory_growth", summary: "memory grew 10.6 MB/min from 400 MB (flat before), 1 min after the deploy", lines: lines[0], weight: 3.5),
                .init(signal: "rollback_recovery", summary: "memory stopped growing within 5 min of the rollback to 2.3.0", lines: [], weight: 1.5),
                .init(signal: "oom", summary: "1 OOM kill, 152 min after the deploy", lines: lines[3], weight: 0.4),
                .init(signal: "symptom", summary: "api-gateway: 5xx rose to 80% of requests, 85 min after auth-service's memory began to grow", lines: lines[1], weight: 0.5,
                      services: ["api-gateway"]),
                .init(signal: "symptom", summary: "postgres: slow queries began 90 min after auth-service's memory began to grow", lines: lines[2], weight: 0.5,
                      services: ["postgres"]),
            ]),
            Suspect(change: changes[0], score: 0.12, verdict: .unlikely, evidence: [
                .init(signal: "change", summary: "billing deployed 1.4.0", lines: [], weight: 0),
            ]),
        ]
    }

    static var findings: Findings {
        Findings(
            window: (start, time(284, second: 59)), suspects: suspects, anomalies: anomalies, changes: changes,
            timeline: TimelineBuilder.build(suspects: suspects, anomalies: anomalies, changes: changes),
            services: [
                ServiceSeries(service: "api-gateway", memory: [], memoryLimit: nil, errors: gatewayMinutes, ooms: []),
                ServiceSeries(service: "auth-service", memory: memory, memoryLimit: 2048 * 1_048_576, errors: [], ooms: [oomKill.time!]),
                ServiceSeries(service: "billing", memory: [], memoryLimit: nil, errors: [], ooms: []),
                ServiceSeries(service: "postgres", memory: [], memoryLimit: nil, errors: postgresMinutes, ooms: []),
            ],
            eventCount: 183_207
        )
    }
}

/// Three days of a flapping service: thousands of minutes, a restart loop of
/// forty restarts in an hour, a burst of other teams' deploys, and two gaps.
enum BusyScenario {
    static let start = LeakScenario.start - 2 * 86_400_000_000

    static func time(_ minute: Int) -> Int64 { start + Int64(minute) * 60_000_000 }

    static var changes: [ChangeMarker] {
        var changes = [ChangeMarker(service: "orders", version: "7.0.0", kind: .deploy, time: time(2000), evidence: [])]
        for index in 0..<40 { changes.append(ChangeMarker(service: "orders", version: "7.0.0", kind: .restart, time: time(2600 + index * 90 / 60), evidence: [])) }
        for (index, service) in ["payments", "search", "cart", "ledger", "mailer"].enumerated() {
            changes.append(ChangeMarker(service: service, version: "1.\(index).0", kind: .deploy, time: time(1980 + index * 3), evidence: []))
        }
        return changes.sorted { $0.time < $1.time }
    }

    static var findings: Findings {
        let first = start / 60_000_000
        let memory = (0..<4320).compactMap { minute -> (minute: Int64, bytes: Double)? in
            if (1000..<1030).contains(minute) || (3000..<3100).contains(minute) { return nil }
            let base = minute < 2000 ? 3.0 : 3.0 + Double(minute - 2000) * 0.002
            return (first + Int64(minute), (base + Double(minute % 97) / 400) * 1_073_741_824)
        }
        let errors = (0..<4320).map { minute in (minute: first + Int64(minute), errors: minute % 300 == 0 ? 50 : minute % 7, requests: 1000) }
        let suspect = Suspect(change: changes.first { $0.kind == .deploy && $0.service == "orders" }!, score: 0.81, verdict: .likely, evidence: [])
        return Findings(window: (start, time(4319)), suspects: [suspect], anomalies: [], changes: changes, timeline: [],
                        services: [ServiceSeries(service: "orders", memory: memory, memoryLimit: 64 * 1_073_741_824, errors: errors,
                                                 ooms: (0..<30).map { time(2600 + $0 * 2) })],
                        eventCount: 9_000_000)
    }
}

// MARK: - Reading the page and the picture

extension String {
    /// The `<section … id="ID">` element's markup, up to its closing tag.
    func section(id: String) -> String? {
        guard let open = range(of: "id=\"\(id)\"") else { return nil }
        guard let close = range(of: "</section>", range: open.upperBound..<endIndex) else { return nil }
        return String(self[open.lowerBound..<close.upperBound])
    }

    func between(_ start: String, _ end: String) -> String? {
        guard let open = range(of: start), let close = range(of: end, range: open.upperBound..<endIndex) else { return nil }
        return String(self[open.upperBound..<close.lowerBound])
    }

    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }

    var strippingTags: String { replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression) }
}

/// Headless Chromium, when installed.
enum Chromium {
    static var path: String? {
        if let explicit = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A 1280 px wide screenshot of `page`, the way `scripts/screenshot.sh` takes it.
    /// Runs chromium's `process` to its end, stopping it after 90 s with an error saying what it did not finish.
    static func run(_ process: Process, toDo what: String) throws {
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "chromium took more than 90 s to \(what)")
        }
    }

    static func screenshot(_ page: URL, to png: URL, profile: URL) throws {
        let process = Process()
        guard let path else { throw Failure(description: "chromium is not installed") }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--window-size=1280,2400", "--screenshot=\(png.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try run(process, toDo: "take a screenshot")
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "chromium exited \(process.terminationStatus) without writing \(png.path)")
        }
    }
}

/// Just enough of PNG to look at a screenshot: 8-bit RGB or RGBA, not interlaced.
struct PNGImage {
    var width: Int
    var height: Int
    var channels: Int
    var pixels: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "not a PNG file")
        }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header = [UInt8]()
        var compressed = [UInt8]()
        while offset + 12 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "truncated \(type) chunk") }
            let body = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { compressed += body }
            if type == "IEND" { break }
            offset += 12 + length
        }
        guard header.count == 13 else { throw Failure(description: "no IHDR chunk") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        guard header[8] == 8, header[12] == 0, [2, 6].contains(header[9]) else {
            throw Failure(description: "unsupported PNG: bit depth \(header[8]), colour type \(header[9]), interlace \(header[12])")
        }
        channels = header[9] == 6 ? 4 : 3
        let stride = width * channels
        let raw = try Self.inflate(compressed, expected: height * (stride + 1))
        pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for column in 0..<stride {
                let a = column >= channels ? Int(pixels[target + column - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + column]) : 0
                let c = row > 0 && column >= channels ? Int(pixels[target - stride + column - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "bad filter type \(filter) in row \(row)")
                }
                pixels[target + column] = UInt8(truncatingIfNeeded: Int(raw[source + column]) + predictor)
            }
        }
    }

    static func inflate(_ input: [UInt8], expected: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expected)
        var stream = z_stream()
        guard culprit_inflate_init_gzip(&stream) == Z_OK else { throw Failure(description: "zlib would not start") }
        defer { inflateEnd(&stream) }
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw Failure(description: "IDAT inflated to \(stream.total_out) of \(expected) bytes (zlib status \(status))")
        }
        return output
    }

    func pixel(x: Int, y: Int) -> UInt32 {
        let at = (y * width + x) * channels
        return UInt32(pixels[at]) << 16 | UInt32(pixels[at + 1]) << 8 | UInt32(pixels[at + 2])
    }

    var distinctColors: Int {
        var seen = Set<UInt32>()
        for y in Swift.stride(from: 0, to: height, by: 2) { for x in Swift.stride(from: 0, to: width, by: 2) { seen.insert(pixel(x: x, y: y)) } }
        return seen.count
    }

    /// The share of pixels for which `test` holds.
    func share(_ test: (UInt32) -> Bool) -> Double {
        var hits = 0
        for y in 0..<height { for x in 0..<width where test(pixel(x: x, y: y)) { hits += 1 } }
        return Double(hits) / Double(width * height)
    }

    /// Pixels within a small distance of `color` (anti-aliasing blends the rest).
    func count(near color: (UInt8, UInt8, UInt8)) -> Int {
        Int(share { pixel in
            abs(Int(pixel >> 16 & 0xFF) - Int(color.0)) <= 24 && abs(Int(pixel >> 8 & 0xFF) - Int(color.1)) <= 24
                && abs(Int(pixel & 0xFF) - Int(color.2)) <= 24
        } * Double(width * height))
    }
}
