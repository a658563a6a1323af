import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

/// A service that logs memory every minute and the messages a test asks for.
struct MessageScenario {
    var events: [LogEvent] = []
    var records: [ChangeMarker] = []
    var line = 0

    /// Flat memory every minute from `from` to `to`: the service is logging.
    mutating func alive(_ service: String, from: Int = 0, to: Int = 180) {
        for minute in from...to {
            line += 1
            var event = messageEvent("rss=400MB", kind: .memory, minute: Double(minute), service: service, lineNumber: line)
            event.value = 400 * 1_048_576
            events.append(event)
        }
    }

    /// `message` (with `<n>` replaced by a running number) `perMinute` times a minute from `from` to `to`.
    mutating func log(_ service: String, _ message: String, kind: EventKind = .warning, perMinute: Double, from: Double, to: Double) {
        let step = 1 / perMinute
        var minute = from
        while minute < to {
            line += 1
            let text = "2025-03-12 01:00:00.000  \(kind == .error ? "ERROR" : " WARN") 1 --- [nio-8080-exec-\(line % 9)] c.e.Service : "
                + message.replacingOccurrences(of: "<n>", with: String(line * 7))
            events.append(messageEvent(text, kind: kind, minute: minute, service: service, lineNumber: line))
            minute += step
        }
    }

    mutating func deploy(_ service: String, _ version: String, minute: Double) {
        let time = messageEvent("", minute: minute).time!
        records.append(ChangeMarker(service: service, version: version, kind: .deploy, time: time,
                                    evidence: [EvidenceLine(ref: SourceRef(path: "deploys.csv", line: records.count + 2), time: time, text: "")]))
    }

    func analyze() -> Findings {
        var aggregator = EventAggregator()
        aggregator.add(events.sorted { $0.time! < $1.time! })
        return Analyzer().analyze(aggregator, records: records)
    }
}

extension Findings {
    func suspect(_ service: String) -> Suspect? { suspects.first { $0.change.service == service } }
}

extension Suspect {
    func evidence(_ signal: String) -> Evidence? { evidence.first { $0.signal == signal } }
}

@Suite struct NewMessageDetectorTests {
    /// auth logs an old warning all along; its 2.4.0 deploy at minute 60 adds a new one at 3/min.
    func newWarningScenario(kind: EventKind = .warning, perMinute: Double = 3) -> MessageScenario {
        var scenario = MessageScenario()
        scenario.alive("auth")
        scenario.log("auth", "HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@<n>", perMinute: 0.5, from: 0, to: 180)
        scenario.deploy("auth", "2.4.0", minute: 60)
        scenario.log("auth", "session cache full for tenant <n>, evicting oldest entries", kind: kind, perMinute: perMinute, from: 62.3, to: 180)
        return scenario
    }

    @Test func aFrequentNewWarningAloneMakesItsDeployLikely() throws {
        let findings = newWarningScenario().analyze()
        let top = try #require(findings.suspects.first)
        #expect(top.change.service == "auth" && top.verdict == .likely)
        let item = try #require(top.evidence("new_messages"))
        #expect(item.summary.contains("`session cache full for tenant <*>, evicting oldest entries`"))
        #expect(item.summary.contains("new since auth 2.4.0"))
        #expect(item.lines.count >= 2)
        #expect(!item.summary.contains("HikariPool"))
        let listed = try #require(findings.templates.first { $0.service == "auth" })
        #expect(listed.newEntries.map(\.template.text) == ["session cache full for tenant <*>, evicting oldest entries"])
        #expect(listed.entries.contains { $0.template.text.hasPrefix("HikariPool-<*> - Failed to validate") && $0.novelty == nil })
    }

    @Test func aNewMessageWeighsLessThanAMemoryLeak() throws {
        let findings = newWarningScenario(kind: .error, perMinute: 20).analyze()
        let weight = try #require(findings.suspect("auth")?.evidence("new_messages")?.weight)
        #expect(weight < ScoringModel().ranking.weight(of: .memoryGrowth))
    }

    @Test func newWarningsWeighLessThanNewErrorsOfTheSameRate() throws {
        let warning = try #require(newWarningScenario(kind: .warning, perMinute: 0.5).analyze().suspect("auth")?.evidence("new_messages"))
        let error = try #require(newWarningScenario(kind: .error, perMinute: 0.5).analyze().suspect("auth")?.evidence("new_messages"))
        #expect(warning.weight < error.weight)
    }

    @Test func aRareNewMessageIsWeakEvidence() throws {
        let findings = newWarningScenario(perMinute: 0.06).analyze()
        let top = try #require(findings.suspect("auth"))
        #expect(top.verdict != .likely)
        #expect((top.evidence("new_messages")?.weight ?? 0) < 1)
    }

    @Test func aMessageAlreadyPresentAtASimilarRateIsNoEvidence() throws {
        var scenario = MessageScenario()
        scenario.alive("auth")
        scenario.log("auth", "HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@<n>", perMinute: 0.5, from: 0, to: 180)
        scenario.log("auth", "token validation failed: session lookup timed out", kind: .error, perMinute: 0.3, from: 0, to: 180)
        scenario.deploy("auth", "2.4.0", minute: 60)
        let top = try #require(scenario.analyze().suspect("auth"))
        #expect(top.evidence("new_messages") == nil && top.evidence("rising_messages") == nil)
        #expect(top.verdict == .unlikely)
    }

    @Test func aMessageSeenBeforeTheChangeIsNeverNewOnlyRisen() throws {
        var scenario = newWarningScenario()
        scenario.log("auth", "session cache full for tenant <n>, evicting oldest entries", perMinute: 1, from: 20, to: 20.5)
        let top = try #require(scenario.analyze().suspect("auth"))
        #expect(top.evidence("new_messages") == nil)
        let rise = try #require(top.evidence("rising_messages"))
        #expect(rise.summary.contains("more frequent since auth 2.4.0"))
        #expect(rise.weight <= ScoringModel().messages.weight(of: .warning) / 2)
    }

    @Test func aRiseTooSmallOrTooRareIsNoEvidence() throws {
        var scenario = MessageScenario()
        scenario.alive("auth")
        scenario.log("auth", "cache refresh slow for region <n>", perMinute: 1, from: 0, to: 60)
        scenario.deploy("auth", "2.4.0", minute: 60)
        scenario.log("auth", "cache refresh slow for region <n>", perMinute: 3, from: 60, to: 180)
        #expect(scenario.analyze().suspect("auth")?.evidence("rising_messages") == nil)
    }

    @Test func anotherServicesNewMessagesAreNotCreditedToThisDeploy() throws {
        var scenario = newWarningScenario()
        scenario.alive("catalog")
        scenario.log("catalog", "price feed stale for <n> skus", perMinute: 0.4, from: 0, to: 180)
        scenario.deploy("catalog", "3.2.0", minute: 57)
        let findings = scenario.analyze()
        #expect(findings.suspects.first?.change.service == "auth")
        let catalog = try #require(findings.suspect("catalog"))
        #expect(catalog.verdict == .unlikely && catalog.evidence("new_messages") == nil)
    }

    @Test func withoutLogsBeforeTheChangeNothingIsNew() throws {
        var scenario = MessageScenario()
        scenario.alive("auth", from: 59, to: 180)
        scenario.deploy("auth", "2.4.0", minute: 60)
        scenario.log("auth", "session cache full for tenant <n>, evicting oldest entries", perMinute: 3, from: 62, to: 180)
        #expect(scenario.analyze().suspect("auth")?.evidence("new_messages") == nil)
    }

    @Test func aNewMessageBelongsToTheLatestChangeBeforeItOnly() throws {
        var scenario = newWarningScenario()
        scenario.deploy("auth", "2.3.9", minute: 30)
        let findings = scenario.analyze()
        #expect(findings.suspects.first { $0.change.version == "2.3.9" }?.evidence("new_messages") == nil)
        #expect(findings.suspects.first { $0.change.version == "2.4.0" }?.evidence("new_messages") != nil)
    }
}
