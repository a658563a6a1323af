import Testing

/// OTLP/JSON export requests as the Collector's file exporter writes them, one per line.
@Suite struct OTLPLogsRequestTests {
    static func resource(_ service: String, version: String, pod: String, records: [String]) -> String {
        #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"\#(service)"}},"#
            + #"{"key":"service.version","value":{"stringValue":"\#(version)"}},{"key":"k8s.pod.name","value":{"stringValue":"\#(pod)"}}]},"#
            + #""scopeLogs":[{"scope":{"name":"com.example.\#(service)"},"logRecords":[\#(records.joined(separator: ","))]}]}"#
    }

    static func record(nanos: String, severity: Int?, body: String, attributes: String = "") -> String {
        let level = severity.map { #""severityNumber":\#($0),"severityText":"\#($0 >= 17 ? "ERROR" : "INFO")","# } ?? ""
        return #"{"timeUnixNano":"\#(nanos)","observedTimeUnixNano":"\#(nanos)",\#(level)"body":{"stringValue":"\#(body)"},"#
            + #""attributes":[\#(attributes)],"traceId":"5b8aa5a2d2c872e8321cf37308d69df2","spanId":"051581bf3cb55c13"}"#
    }

    static let request = #"{"resourceLogs":["#
        + resource("payments", version: "3.8.0", pod: "payments-5b7c9d8f4-djj64", records: [
            record(nanos: "1748959366931528000", severity: 17, body: "charge failed: decimal.InvalidOperation",
                   attributes: #"{"key":"http.status_code","value":{"intValue":"500"}}"#),
            record(nanos: "1748959367156350000", severity: 9, body: "charge created"),
        ]) + ","
        + resource("edge", version: "1.31.2", pod: "edge-6f7d8c9b5-q2w4x", records: [
            record(nanos: "1748959367200000000", severity: nil,
                   body: #"[2025-06-03T14:02:47.200Z] \"POST /v1/charges HTTP/1.1\" 500 - 374 61 12 11 \"203.0.113.9\" \"Go-http-client/2.0\" \"3cd0\" \"api.example.com\" \"10.42.3.17:8000\""#),
        ]) + "]}"

    @Test func eachLogRecordIsARecordOfItsOwn() {
        let records = decodeRecords(Self.request)
        #expect(records.count == 3)
        #expect(records.map(\.service) == ["payments", "payments", "edge"])
        #expect(records.map(\.version) == ["3.8.0", "3.8.0", "1.31.2"])
        #expect(records.map(\.host) == ["payments-5b7c9d8f4-djj64", "payments-5b7c9d8f4-djj64", "edge-6f7d8c9b5-q2w4x"])
        #expect(records.map(\.time) == [1_748_959_366_931_528, 1_748_959_367_156_350, 1_748_959_367_200_000])
        #expect(records.map(\.severity) == [.error, .info, nil])
        #expect(message(records[0]) == "charge failed: decimal.InvalidOperation")
        #expect(records[0].fields["http.status_code"] == .number(500))
        #expect(records[0].fields["resource.k8s.pod.name"] == .string("payments-5b7c9d8f4-djj64"))
    }

    @Test func theRecordsTimeWinsOverTheBodysOwn() {
        let line = #"{"resourceLogs":["# + Self.resource("auth", version: "2.3.1", pod: "auth-7d9f8c6b5-x2k4p", records: [
            Self.record(nanos: "1741744207430197000", severity: nil,
                        body: "2025-03-12 02:50:07.430 ERROR 1 --- [main] c.e.A : token validation failed"),
        ]) + "]}"
        let records = decodeRecords(line, zone: "UTC")
        #expect(records.first?.time == utcMicros(2025, 3, 12, 1, 50, 7, micros: 430_197))
        #expect(records.first?.severity == .error)
    }

    @Test func aTimeThatIsNoNumberIsNoTime() {
        for nanos in ["", "-5", "99999999999999999999999", "1.7e18"] {
            let line = #"{"resourceLogs":["# + Self.resource("a", version: "1", pod: "p", records: [Self.record(nanos: nanos, severity: 9, body: "x")]) + "]}"
            #expect(decodeRecords(line).first?.time == nil, "\(nanos)")
        }
    }

    @Test func extractGivesEveryRecordItsEventAtTheSharedLine() throws {
        let log = #"{"resourceLogs":[]}"# + "\n" + Self.request + "\n"
        let events = try extract(log, name: "otlp.jsonl").events
        #expect(events.map(\.kind) == [.error, .http])
        #expect(events.map(\.service) == ["payments", "edge"])
        #expect(events.map(\.ref.line) == [2, 2])
        #expect(events.map(\.status) == [nil, 500])
        #expect(events.first?.excerpt == "charge failed: decimal.InvalidOperation")
    }

    @Test func otlpIsDetectedFromTheStartOfItsLines() {
        #expect(detect([Self.request, Self.request]) == .otlpJSON)
        // Cut where the first 4 KiB of a long line end: still an export request.
        #expect(detect([String(Self.request.prefix(300))]) == .otlpJSON)
    }
}
