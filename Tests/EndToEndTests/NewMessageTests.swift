import Foundation
import Testing

/// `samples/new-warning-message/`: a deploy whose only symptom is a new WARN message.
@Suite struct NewMessageTests {
    static let sample = "samples/new-warning-message"
    static let arguments = ["\(sample)/logs", "--deploys", "\(sample)/deploys.csv"]
    static let newTemplate = "Session cache full (capacity <*>), evicting least recently used entry for tenant t-<*>"

    func analyze(_ extra: [String] = ["--format", "json"]) throws -> CulpritBinary.Result {
        let result = try CulpritBinary.run(["analyze"] + Self.arguments + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: analyze().stdoutData) as? [String: Any])
    }

    /// The text of the line a `PATH:LINE` ref names.
    func line(_ ref: String) throws -> String {
        let colon = try #require(ref.lastIndex(of: ":"))
        let number = try #require(Int(ref[ref.index(after: colon)...]))
        let text = try String(contentsOf: CulpritBinary.packageRoot.appendingPathComponent(String(ref[..<colon])), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : ""
    }

    @Test func aDeployWhoseOnlySymptomIsANewWarningIsTheLikelyCulprit() throws {
        let suspects = try document()["suspects"] as? [[String: Any]] ?? []
        let top = try #require(suspects.first)
        #expect(top["service"] as? String == "auth-service")
        #expect(top["version"] as? String == "2.8.0")
        #expect(top["verdict"] as? String == "likely")
        let evidence = top["evidence"] as? [[String: Any]] ?? []
        let item = try #require(evidence.first { $0["signal"] as? String == "new_messages" })
        #expect((item["summary"] as? String ?? "").contains("`\(Self.newTemplate)`"))
        let messages = item["messages"] as? [[String: Any]] ?? []
        #expect(messages.map { $0["template"] as? String } == [Self.newTemplate])
        let refs = item["refs"] as? [String] ?? []
        #expect(refs.count >= 2)
        for ref in refs { #expect(try line(ref).contains("WARN") && line(ref).contains("Session cache full"), "\(ref)") }
        #expect(!evidence.contains { ["memory_growth", "error_spike"].contains($0["signal"] as? String ?? "") })
        for catalog in suspects where catalog["service"] as? String == "catalog" {
            #expect(catalog["verdict"] as? String == "unlikely")
            #expect(!(catalog["evidence"] as? [[String: Any]] ?? []).contains { ($0["signal"] as? String ?? "").hasSuffix("_messages") })
        }
    }

    @Test func everyServicesTemplatesAreListedWithTheChangeTheyCameWith() throws {
        let services = try document()["templates"] as? [[String: Any]] ?? []
        let auth = try #require(services.first { $0["service"] as? String == "auth-service" })
        let messages = auth["messages"] as? [[String: Any]] ?? []
        let new = try #require(messages.first)
        #expect(new["template"] as? String == Self.newTemplate)
        #expect(new["kind"] as? String == "warning")
        #expect((new["count"] as? Double ?? 0) > 300)
        let since = try #require(new["since_change"] as? [String: Any])
        #expect(since["how"] as? String == "new" && since["version"] as? String == "2.8.0" && since["change"] as? String == "deploy")
        let old = messages.dropFirst()
        #expect(old.contains { ($0["template"] as? String ?? "").hasPrefix("HikariPool-<*> - Failed to validate connection") })
        #expect(old.allSatisfy { $0["since_change"] is NSNull }, "only the new message came with a change")
        let catalog = try #require(services.first { $0["service"] as? String == "catalog" })
        #expect((catalog["messages"] as? [[String: Any]] ?? []).allSatisfy { $0["since_change"] is NSNull })
    }

    @Test func tableMarkdownAndHTMLShowTheNewMessage() throws {
        let table = try analyze(["--format", "table"]).stdout
        #expect(table.contains("1 message new since auth-service 2.8.0: `\(Self.newTemplate)`"))
        let markdown = try analyze(["--format", "markdown"]).stdout
        #expect(markdown.contains("- *supports:* 1 message new since auth-service 2.8.0"))
        let html = try analyze(["--format", "html"]).stdout
        #expect(html.contains("<a href=\"#messages\">New messages</a>"))
        #expect(html.contains("<h2 id=\"messages\">New messages"))
        #expect(html.contains("<code>Session cache full (capacity &lt;*&gt;), evicting least recently used entry for tenant t-&lt;*&gt;</code>"))
    }

    @Test func aReportStateCarriesTheTemplatesSoLaterRunsStillKnowWhatIsNew() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-new-message-\(UUID().uuidString)")
        let logs = directory.appendingPathComponent("logs/auth-service")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let full = try String(contentsOf: CulpritBinary.packageRoot.appendingPathComponent("\(Self.sample)/logs/auth-service/app.log"), encoding: .utf8)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
        let split = try #require(lines.firstIndex { $0.contains("Starting AuthApplication v2.8.0") })
        let log = logs.appendingPathComponent("app.log")
        try Data((lines[..<split].joined(separator: "\n") + "\n").utf8).write(to: log)
        let state = directory.appendingPathComponent("state").path
        let deploys = CulpritBinary.packageRoot.appendingPathComponent("\(Self.sample)/deploys.csv").path
        let common = ["report", "--state", state, "--deploys", deploys, "--format", "json", directory.appendingPathComponent("logs").path]
        let first = try CulpritBinary.run(common)
        #expect(first.status == 0, "\(first.stderr)")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines[split...].joined(separator: "\n").utf8))
        try handle.close()
        let second = try CulpritBinary.run(common)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stderr.contains("reading everything again"), "the saved templates were read back: \(second.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: second.stdoutData) as? [String: Any])
        let top = try #require((document["suspects"] as? [[String: Any]])?.first)
        #expect(top["service"] as? String == "auth-service" && top["verdict"] as? String == "likely")
        let services = document["templates"] as? [[String: Any]] ?? []
        let messages = services.first { $0["service"] as? String == "auth-service" }?["messages"] as? [[String: Any]] ?? []
        let flagged = messages.filter { !($0["since_change"] is NSNull) }.map { $0["template"] as? String }
        #expect(flagged == [Self.newTemplate], "the messages seen in the first run are not new in the second")
    }
}
