import Testing
@testable import CulpritModel
@testable import CulpritClickHouse

/// The parts of the ClickHouse sink and source that need no server: addresses,
/// the TabSeparated codec, the row encoder and the retry policy.
struct ClickHouseCodecTests {
    @Test func addressesReadHostPortDatabaseAndTable() throws {
        let plain = try ClickHouseAddress(parsing: "clickhouse://db.internal:8124/logs")
        #expect(plain == ClickHouseAddress(host: "db.internal", port: 8124, database: "logs", table: "events"))
        let withTable = try ClickHouseAddress(parsing: "clickhouse://127.0.0.1/logs?table=events_all")
        #expect(withTable.port == 8123 && withTable.table == "events_all" && withTable.qualifiedTable == "logs.events_all")
        let v6 = try ClickHouseAddress(parsing: "clickhouse://[::1]:9123/logs")
        #expect(v6.host == "::1" && v6.port == 9123 && v6.endpoint == "[::1]:9123")
    }

    @Test(arguments: ["http://h:1/db", "clickhouse://h:1", "clickhouse://h:0/db", "clickhouse://h:65536/db", "clickhouse://h:12x/db",
                      "clickhouse://:8123/db", "clickhouse://h/db;DROP", "clickhouse://h/db?table=a-b", "clickhouse://h/db?tab=x",
                      "clickhouse://h/1db", "clickhouse://[::1/db", "clickhouse://ev\r\nX-Injected: 1:8123/db", "clickhouse://a b/db",
                      "clickhouse://[a/b]:1/db"])
    func badAddressesAreRefusedWithAReason(_ text: String) {
        #expect(throws: ClickHouseError.self) { try ClickHouseAddress(parsing: text) }
        do { _ = try ClickHouseAddress(parsing: text) } catch { #expect(error.description.hasPrefix(text + ": ")) }
    }

    @Test func inputAccountsSurviveTheTableAndAPathOfSeveralHostsNamesItsHost() throws {
        let accounts = [InputAccount(path: "/var/log/app.log", format: "json", lines: 10, events: 4, undated: 1),
                        InputAccount(path: "/var/log/notes.md", format: "markdown", skipped: "not a log (Markdown)")]
        let rows = try TabSeparated.rows(InputTableSchema.rows(accounts, host: "web-1", shippedAt: 5), width: InputTableSchema.columns.count)
        // The select answers every column but shipped_us.
        let answered = rows.map { Array($0.prefix(InputTableSchema.selectWidth)) }
        #expect(try InputTableSchema.accounts(answered) == accounts)
        let twice = answered + [["web-2"] + answered[0].dropFirst()]
        #expect(try InputTableSchema.accounts(twice).map(\.path) == ["/var/log/app.log (web-1)", "/var/log/notes.md", "/var/log/app.log (web-2)"])
        var hostile = answered
        hostile[0][3] = "-1"
        #expect(throws: ClickHouseError.self) { try InputTableSchema.accounts(hostile) }
        hostile[0][3] = "99999999999999999999999"
        #expect(throws: ClickHouseError.self) { try InputTableSchema.accounts(hostile) }
    }

    @Test func tabSeparatedRoundTripsEveryAwkwardCharacter() throws {
        let texts = ["plain", "tab\there", "new\nline", "back\\slash", "cr\r", "nul\u{0}byte", "\\N", "", "ünïcødé ✓"]
        var body: [UInt8] = []
        for (index, text) in texts.enumerated() {
            TabSeparated.appendEscaped(text, to: &body)
            body.append(UInt8(ascii: index == texts.count - 1 ? "\n" : "\t"))
        }
        let rows = try TabSeparated.rows(body, width: texts.count)
        #expect(rows.count == 1)
        #expect(rows[0].map { $0 ?? "<null>" } == texts)
    }

    @Test func tabSeparatedReadsNullsAndRefusesRowsOfTheWrongWidth() throws {
        let rows = try TabSeparated.rows(Array("a\t\\N\t1\nb\t\t2\n".utf8), width: 3)
        #expect(rows[0][1] == nil && rows[1][1] == "")
        #expect(throws: TabSeparatedError.self) { try TabSeparated.rows(Array("a\tb\n".utf8), width: 3) }
    }

    @Test func rowsHaveOneFieldPerColumnAndNumberTheEventsOfOneLine() throws {
        let ref = SourceRef(path: "/var/log/app\tx.log", line: 7)
        let first = LogEvent(time: 1_741_741_800_000_000, service: "auth", host: "pod-1", kind: .memory, value: 1.5e9, unit: .bytes,
                             version: "2.3.1", patternID: "memory.heap", ref: ref, limit: .infinity, severity: .warning, excerpt: "heap\nused")
        var second = first
        second.kind = .oom
        second.value = nil
        second.time = nil
        second.status = 10_000_000_000
        let rows = try TabSeparated.rows(EventRowEncoder(originHost: "node-a").encode([first, second]), width: EventTableSchema.columns.count)
        #expect(rows.count == 2)
        let column = Dictionary(uniqueKeysWithValues: EventTableSchema.columns.enumerated().map { ($1.name, $0) })
        #expect(rows[0][column["host"]!] == "node-a" && rows[0][column["path"]!] == ref.path && rows[0][column["line"]!] == "7")
        #expect(rows[0][column["ordinal"]!] == "0" && rows[1][column["ordinal"]!] == "1")
        #expect(rows[0][column["value"]!].flatMap(Double.init) == 1.5e9)
        #expect(rows[0][column["limit_value"]!] == nil, "an infinite limit is no limit")
        #expect(rows[0][column["severity"]!] == String(Severity.warning.rawValue))
        #expect(rows[0][column["excerpt"]!] == "heap\nused")
        #expect(rows[1][column["has_time"]!] == "0" && rows[1][column["value"]!] == nil)
        #expect(rows[1][column["status"]!] == nil, "a status past Int32 is not stored as a wrong number")
    }

    @Test func retriesOnlyTransientFailuresAndStopsAfterTheLastTry() {
        let policy = RetryPolicy(attempts: 3, firstDelay: 0, maxDelay: 0)
        var calls = 0
        #expect(throws: ClickHouseError.self) {
            try policy.run { () throws(ClickHouseError) -> Int in
                calls += 1
                throw .unreachable("h:1", reason: "refused")
            }
        }
        #expect(calls == 3)
        calls = 0
        #expect(throws: ClickHouseError.self) {
            try policy.run { () throws(ClickHouseError) -> Int in
                calls += 1
                throw .server("h:1", status: 400, message: "Syntax error")
            }
        }
        #expect(calls == 1, "a rejected query is not tried again")
        calls = 0
        let value = try? policy.run { () throws(ClickHouseError) -> Int in
            calls += 1
            if calls < 2 { throw .timedOut("h:1", seconds: 1) }
            return 42
        }
        #expect(value == 42 && calls == 2)
        #expect(RetryPolicy(firstDelay: 0.5, maxDelay: 4).delay(beforeAttempt: 10) <= 5)
    }

    @Test func queriesAreEncodedForTheURL() {
        #expect(ClickHouseHTTP.percentEncoded("INSERT INTO a.b (x) FORMAT TabSeparated") == "INSERT%20INTO%20a.b%20%28x%29%20FORMAT%20TabSeparated")
    }
}
