import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

/// An error or warning event whose record's first line is `line`.
func messageEvent(_ line: String, kind: EventKind = .warning, minute: Double = 0, service: String = "auth", lineNumber: Int = 1) -> LogEvent {
    let start = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 1, minute: 0, second: 0) * 1_000_000
    return LogEvent(time: start + Int64(minute * 60_000_000), service: service, host: nil, kind: kind, value: nil, unit: nil,
                    version: nil, patternID: "test", ref: SourceRef(path: "\(service).log", line: lineNumber),
                    severity: kind == .error ? .error : .warning, excerpt: String(line.prefix(LogEvent.excerptLimit)))
}

/// The masked tokens of `message`, joined by spaces.
func masked(_ message: String) -> String {
    var tokens = MessageTokens()
    var text = message
    text.withUTF8 { tokens.read($0, maxTokens: TemplateMiner.maxTokens, truncated: false) }
    return (0..<tokens.count).map(tokens.token).joined(separator: " ")
}

/// The message `MessageText` takes from a record's first line.
func messageText(_ line: String) -> String {
    var out = [UInt8]()
    var text = line
    text.withUTF8 { _ = MessageText.extract($0, into: &out) }
    return String(decoding: out, as: UTF8.self)
}

extension TemplateMiner {
    mutating func add(_ line: String, kind: EventKind = .warning, minute: Double = 0) {
        let event = messageEvent(line, kind: kind, minute: minute)
        add(event, time: event.time!)
    }

    var texts: [String] { templates.map(\.text) }
}

@Suite struct TemplateMinerTests {
    // MARK: Masks

    @Test func numbersHexUUIDsAddressesAndTimesAreMasked() {
        #expect(masked("session cache full for tenant 42 (412 entries) after 250ms")
            == "session cache full for tenant <*> (<*> entries) after <*>")
        #expect(masked("object 0x7ffd1234 id 550e8400-e29b-41d4-a716-446655440000 in deadbeefcafe")
            == "object <*> id <*> in <*>")
        #expect(masked("upstream 10.42.1.23:8080 timed out at 2025-03-12T01:50:00.123Z in 1.5s")
            == "upstream <*> timed out at <*> in <*>")
    }

    @Test func numberedPartsOfPathsAndThreadNamesAreMaskedButTheirWordsKept() {
        #expect(masked("GET /api/v1/tenants/42/cache from [http-nio-8080-exec-12]")
            == "GET /api/<*>/tenants/<*>/cache from [http-nio-<*>-exec-<*>]")
        #expect(masked("pool HikariPool-1 on pod-7f9c8d-x2k4q") == "pool HikariPool-<*> on pod-<*>")
    }

    @Test func wordsThatMerelyHoldADigitAreKept() {
        #expect(masked("IPv4 log4j utf8 http2 handshake failed") == "IPv4 log4j utf8 http2 handshake failed")
    }

    @Test func quotedValuesAreMaskedWholeEvenWithSpaces() {
        #expect(masked("unknown user 'bob' in realm=\"corp users 7\" code `E42`")
            == "unknown user '<*>' in realm=\"<*>\" code `<*>`")
        #expect(masked("don't retry") == "don't retry")
    }

    @Test func quotedProseAndAQuotedMessageAreReadAsWords() {
        #expect(masked(#""Reconcile failed" err="context deadline exceeded" object="prod/orders-30""#)
            == #""Reconcile failed" err="context deadline exceeded" object="<*>""#)
        #expect(masked(#""Synced" controller="orders""#) == #""Synced" controller="<*>""#)
    }

    @Test func aListOfValuesMakesOneTemplateWhateverItsLength() {
        #expect(masked(#"stale rules ids=["a1b2c3d4", "e5f6a7b8", "c9d0e1f2"] chain"#) == #"stale rules ids=["<*>", "<*>", "<*>"] chain"#)
        #expect(masked(#"stale rules ids=["a1b2c3d4", "e5f6a7b8", "d4e5f6a7", "b8c9d0e1", "c9d0e1f2"] chain"#)
            == #"stale rules ids=["<*>", "<*>", "<*>"] chain"#)
        #expect(masked("retry 1 2 3 then give up") == "retry <*> then give up")
    }

    @Test func onlyTheFirstLineAndAtMostMaxTokensAreRead() {
        #expect(masked("first line here\nsecond line") == "first line here")
        let long = (1...60).map { "word\(String(repeating: "x", count: $0 % 3))" }.joined(separator: " ")
        var tokens = MessageTokens()
        var text = long
        text.withUTF8 { tokens.read($0, maxTokens: TemplateMiner.maxTokens, truncated: false) }
        #expect(tokens.count == TemplateMiner.maxTokens)
    }

    @Test func aMessageCutShortLosesItsCutLastToken() {
        var tokens = MessageTokens()
        var text = "session cache full for ten"
        text.withUTF8 { tokens.read($0, maxTokens: 40, truncated: true) }
        #expect((0..<tokens.count).map(tokens.token) == ["session", "cache", "full", "for"])
    }

    // MARK: Message text

    @Test func theLoggersPrefixIsNotPartOfTheMessage() {
        #expect(messageText("2025-03-12 01:50:07.412  WARN 40213 --- [nio-8080-exec-1] c.e.auth.session.SessionCache            : session cache full for tenant 42")
            == "session cache full for tenant 42")
        #expect(messageText("2025-06-10T14:00:15,412 WARN [main                     ] LedgerApplication        : pool exhausted")
            == "pool exhausted")
        #expect(messageText("2025-03-12 03:15:02,123 WARN [http-nio-8080-exec-3] c.e.OrderService - [getOrderById][Get Order By ID Fail][Order not found]")
            == "[getOrderById][Get Order By ID Fail][Order not found]")
        #expect(messageText("2025-03-12 01:50:07,412 WARNING catalog.pricing: price feed stale for 12 skus") == "price feed stale for 12 skus")
        #expect(messageText("[2024-01-19 00:48:31 +0000] [2973] [CRITICAL] WORKER TIMEOUT (pid:2976)") == "WORKER TIMEOUT (pid:2976)")
        #expect(messageText("W0312 03:15:02.123456       1 reflector.go:324] watch of *v1.Pod ended with: too old resource version")
            == "watch of *v1.Pod ended with: too old resource version")
    }

    @Test func aLineWithoutALevelLosesItsTimestampAndSyslogHeader() {
        #expect(messageText("Mar 12 03:15:02 web-1 app[42]: retry budget running low") == "retry budget running low")
        #expect(messageText("<12>Mar 12 03:15:02 web-1 app[42]: retry budget running low") == "retry budget running low")
        #expect(messageText("2025-03-12T03:15:02Z retry budget running low") == "retry budget running low")
    }

    @Test func structuredLinesGiveTheirMessageField() {
        #expect(messageText(#"{"level":40,"time":1741745702123,"pid":1,"hostname":"auth-7f9c","msg":"session cache above 80% of its budget"}"#)
            == "session cache above 80% of its budget")
        #expect(messageText(#"{"log":"2025-03-12 01:50:07.412  WARN 1 --- [main] c.e.A : pool \"main\" low\n","stream":"stdout"}"#)
            == #"pool "main" low"#)
        #expect(messageText(#"level=warn ts=2025-03-12T03:15:02Z msg="slow response from upstream" caller=proxy.go:12"#)
            == "slow response from upstream")
        #expect(messageText("2025-03-12T03:15:02.123456789Z stdout F 2025-03-12 03:15:02 WARNING app: disk almost full")
            == "disk almost full")
        // `kubectl logs --prefix --timestamps` around a klog line, and around a Spring Boot 3 one.
        #expect(messageText(#"[pod/payments-7d9f8c6b5-phktk/payments] 2025-09-24T21:00:36.039462Z W0924 21:00:36.039462   25550 jobs/runner.go:36] "could not refresh pricing rules for sku 36eb" path="/pay""#)
            == #""could not refresh pricing rules for sku 36eb" path="/pay""#)
        #expect(messageText("[pod/pricing-5c6d/pricing] 2024-04-10T11:51:44.241+03:00  WARN 1 --- [pricing] [nio-8080-exec-7] c.e.p.MaintenanceTask : unable to publish audit event 250073")
            == "unable to publish audit event 250073")
        #expect(messageText(#"{"timestamp":"2025-03-12T03:15:02Z","level":"WARN","fields":{"message":"retrying send","attempt":3},"target":"app"}"#)
            == "retrying send")
        #expect(messageText(#"{"msg":"top wins","fields":{"message":"nested"}}"#) == "top wins")
    }

    @Test func aLevelInTheFirstOfSeveralBracketsIsFound() {
        #expect(messageText("2025-03-12 03:15:02.123 [WARNING][94] felix/table.go 1234: Detected out-of-sync inserts")
            == "felix/table.go 1234: Detected out-of-sync inserts")
    }

    @Test func aJSONLineCutShortStillGivesItsMessageUpToTheCut() {
        let line = #"{"level":"warn","ts":"2025-03-12T03:15:02Z","message":""# + String(repeating: "very long text ", count: 30)
        let cut = String(line.prefix(LogEvent.excerptLimit))
        #expect(messageText(cut).hasPrefix("very long text very long text"))
    }

    // MARK: Templates

    @Test func messagesThatDifferInAFewTokensShareATemplate() {
        var miner = TemplateMiner()
        miner.add("2025-03-12 01:50:00 WARN connection to db-primary refused after retries")
        miner.add("2025-03-12 01:50:01 WARN connection to db-replica refused after retries")
        miner.add("2025-03-12 01:50:02 WARN connection to db-primary refused after retries")
        #expect(miner.texts == ["connection to <*> refused after retries"])
        #expect(miner.templates.first?.count == 3)
    }

    @Test func messagesBelowTheSimilarityThresholdKeepTheirOwnTemplates() {
        var miner = TemplateMiner()
        miner.add("WARN session cache full evicting oldest")
        miner.add("WARN session cache expired for tenant")
        miner.add("WARN cache full for tenant 7")
        miner.add("WARN cache miss for key 9")
        #expect(Set(miner.texts) == ["session cache full evicting oldest", "session cache expired for tenant",
                                     "cache full for tenant <*>", "cache miss for key <*>"])
    }

    @Test func maskedValuesNeverSplitATemplate() {
        var miner = TemplateMiner()
        for tenant in 1...50 { miner.add("WARN session cache full for tenant \(tenant * 7919) (\(tenant) entries)") }
        #expect(miner.texts == ["session cache full for tenant <*> (<*> entries)"])
    }

    @Test func aTemplateRemembersItsFirstLinesAndTimes() {
        var miner = TemplateMiner()
        for minute in 0..<10 { miner.add("ERROR token validation failed: timeout", kind: .error, minute: Double(minute)) }
        let template = try! #require(miner.templates.first)
        #expect(template.examples.count == MessageTemplate.exampleLimit)
        #expect(template.kind == .error)
        #expect(template.lastSeen - template.firstSeen == 9 * 60_000_000)
        #expect(template.minutes.total == 10)
    }

    /// A word of letters only (no mask applies), different for each `n`.
    static func word(_ n: Int) -> String {
        var n = n
        var letters = ""
        repeat {
            letters.append(Character(UnicodeScalar(UInt8(97 + n % 26))))
            n /= 26
        } while n > 0
        return "w" + letters
    }

    @Test func theNumberOfTemplatesIsBoundedAndTheLeastRecentlySeenGo() {
        var miner = TemplateMiner()
        let made = TemplateMiner.maxTemplates + 200
        for index in 0..<made {
            miner.add("WARN \(Self.word(index)) \(Self.word(index + 5_000)) failed", minute: Double(index) / 100)
        }
        #expect(miner.templateCount <= TemplateMiner.maxTemplates)
        #expect(miner.templateCount >= TemplateMiner.maxTemplates * 8 / 10)
        #expect(!miner.texts.contains("\(Self.word(0)) \(Self.word(5_000)) failed"))
        #expect(miner.texts.contains("\(Self.word(made - 1)) \(Self.word(made - 1 + 5_000)) failed"))
    }

    @Test func aMessageSeenAgainAfterItsTemplateWasEvictedIsNeverTakenForNew() {
        var miner = TemplateMiner()
        miner.add("WARN alpha one two failed", minute: 0)
        for index in 0..<(TemplateMiner.maxTemplates + 10) {
            miner.add("WARN \(Self.word(index)) \(Self.word(index + 5_000)) failed", minute: 1)
        }
        #expect(!miner.texts.contains("alpha one two failed"))
        miner.add("WARN alpha one two failed", minute: 2)
        let reborn = try! #require(miner.templates.first { $0.text == "alpha one two failed" })
        #expect(reborn.mayRepeatEvicted)
        miner.add("WARN bravo three four failed", minute: 2)
        #expect(miner.templates.first { $0.text == "bravo three four failed" }?.mayRepeatEvicted == false)
    }

    @Test func aSavedMinerGoesOnWhereItLeftOff() throws {
        var miner = TemplateMiner()
        miner.add("WARN connection to db-primary refused after retries")
        miner.add("WARN connection to db-replica refused after retries")
        miner.add("ERROR disk /var/lib/data full", kind: .error)
        var restored = try JSONDecoder().decode(TemplateMiner.self, from: JSONEncoder().encode(miner))
        restored.add("WARN connection to db-other refused after retries")
        restored.add("ERROR disk /var/lib/data full", kind: .error)
        #expect(restored.templateCount == 2)
        #expect(restored.templates.map(\.count) == [3, 2])
    }

    // MARK: Minute counts

    @Test func minuteCountsStayBoundedAndKeepTheirTotal() {
        var counts = MinuteCounts()
        for minute in 0..<2_000 { counts.add(minute: Int64(minute)) }
        #expect(counts.buckets.count <= MinuteCounts.bucketLimit)
        #expect(counts.total == 2_000)
        #expect(abs(counts.count(from: 100, to: 160) - 60) <= 8)
    }

    @Test func minuteCountsTakeMinutesOutOfOrder() {
        var counts = MinuteCounts()
        for minute in [5, 3, 9, 3, 1] { counts.add(minute: Int64(minute)) }
        #expect(counts.buckets.map(\.minute) == [1, 3, 5, 9])
        #expect(counts.count(from: 3, to: 4) == 2)
    }
}
