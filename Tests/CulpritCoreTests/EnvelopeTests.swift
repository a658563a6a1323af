import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritExtract

func decode(_ text: String, envelope: EnvelopeKind? = nil, zone: String = "UTC") -> DecodedLine {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
        let view = UnsafeBufferPointer(buffer)
        return LineDecoder(timestamps: parser(zone: zone)).decode(view, envelope: envelope ?? EnvelopeKind.classify(view))
    }
}

func message(_ line: DecodedLine) -> String { String(decoding: line.message, as: UTF8.self) }

@Suite struct EnvelopeTests {
    let march12 = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 2, minute: 15, second: 2) * 1_000_000

    @Test func pinoLineInsideACRILineIsUnderstood() {
        let line = decode(#"2025-03-12T02:15:02.000000000Z stderr F {"level":50,"time":1741745702000,"msg":"token cache full","service":"auth-service"}"#)
        #expect(message(line) == "token cache full")
        #expect(line.severity == .error)
        #expect(line.service == "auth-service")
        #expect(line.time == march12)
    }

    @Test func quotedAccessLogTextIsNotALevel() {
        // The request line and user agent are quoted after a space: no level inside.
        let access = decode(#"10.0.0.1 - - [12/Mar/2025:02:15:02 +0000] "GET /ERROR/report HTTP/1.1" 200 512 "-" "FATAL-bot/1.0""#)
        #expect(access.severity == nil)
        // A quote closing the time value does not hide the level after it.
        let logfmtText = decode(#"time="2025-03-12T02:15:02.000000000Z" level=error msg="ExecSync failed""#, envelope: .text)
        #expect(logfmtText.severity == .error)
        // An unquoted level after the quoted request text is still found.
        let nginxStyle = decode(#"2025-03-12T02:15:02Z "GET /x HTTP/1.1" ERROR upstream timed out"#, envelope: .text)
        #expect(nginxStyle.severity == .error)
    }

    @Test func dockerJSONFileUnwrapsTheLogFieldAndItsTimeWins() {
        // The inner time has no offset (here read in Lagos, an hour off); Docker's is UTC.
        let line = decode(#"{"log":"2025-03-12 03:15:02,000 ERROR [main] c.e.Auth - boom\n","stream":"stderr","time":"2025-03-12T02:15:02.5Z"}"#,
                          zone: "Africa/Lagos")
        #expect(message(line) == "2025-03-12 03:15:02,000 ERROR [main] c.e.Auth - boom")
        #expect(line.severity == .error)
        #expect(line.time == march12 + 500_000)
    }

    @Test func journaldExportUsesPriorityRealtimeAndUnit() {
        let line = decode(#"{"__REALTIME_TIMESTAMP":"1741745702000000","PRIORITY":"3","_SYSTEMD_UNIT":"auth.service","_HOSTNAME":"web1","MESSAGE":"auth.service: Failed with result 'oom-kill'."}"#)
        #expect(line.time == march12)
        #expect(line.severity == .error)
        #expect(line.service == "auth")
        #expect(line.host == "web1")
    }

    @Test func elasticCommonSchemaNestedKeysAreFlattened() {
        let line = decode(#"{"@timestamp":"2025-03-12T02:15:02Z","log":{"level":"warn"},"service":{"name":"checkout","version":"4.1.0"},"message":"slow"}"#)
        #expect(line.severity == .warning)
        #expect(line.service == "checkout")
        #expect(line.version == "4.1.0")
        #expect(line.fields["log.level"] == .string("warn"))
    }

    @Test func logfmtFieldsAndLevel() {
        let line = decode(#"ts=2025-03-12T02:15:02Z level=error app=search msg="heap high" heap_bytes=123"#)
        #expect(line.severity == .error)
        #expect(line.service == "search")
        #expect(line.fields["heap_bytes"] == .string("123"))
        #expect(line.time == march12)
    }

    @Test func syslogHeaderNamesServiceAndHost() {
        let line = decode("<11>Mar 12 02:15:02 web1 auth-service[812]: token validation failed")
        #expect(line.severity == .error)
        #expect(line.service == "auth-service")
        #expect(line.host == "web1")
        let rfc5424 = decode("<165>1 2025-03-12T02:15:02Z web2 payments 44 - - charge failed")
        #expect(rfc5424.service == "payments")
        #expect(rfc5424.host == "web2")
        #expect(rfc5424.time == march12)
    }

    @Test func textLevelsFromCommonLoggers() {
        #expect(decode("E0312 02:15:02.000000       1 sync.go:42] sync failed").severity == .error)
        #expect(decode("2025/03/12 02:15:02 [error] 31#31: *5 upstream timed out").severity == .error)
        #expect(decode("E, [2025-03-12T02:15:02.000000 #1234] ERROR -- app: boom").severity == .error)
        #expect(decode("fail: Microsoft.AspNetCore.Server.Kestrel[13]").severity == .error)
        #expect(decode("ERROR:root:worker died").severity == .error)
        #expect(decode("2025-03-12 02:15:02.123 UTC [812] FATAL:  too many connections").severity == .critical)
        #expect(decode("2025-03-12 02:15:02,123 INFO [main] c.e.App - ERROR count is 0").severity == .info)
    }

    @Test func accessLogLinesHaveNoLevelFromTheirPath() {
        let line = decode(#"10.0.0.1 - - [12/Mar/2025:03:15:02 +0100] "GET /api/error HTTP/1.1" 503 197 "-" "curl/8.0""#)
        #expect(line.severity == nil)
        #expect(line.time == march12)
    }

    @Test func envelopeOfAFileIsTheMajorityOfItsFirstLines() {
        let lines = [#"{"a":1}"#, #"{"b":2}"#, "plain text", #"{"c":3}"#].map { Array($0.utf8) }
        let kind = lines[0].withUnsafeBufferPointer { a in lines[1].withUnsafeBufferPointer { b in lines[2].withUnsafeBufferPointer { c in
            lines[3].withUnsafeBufferPointer { d in EnvelopeKind.detect([a, b, c, d]) } } } }
        #expect(kind == .json)
    }

    @Test func invalidJSONFallsBackToText() {
        let line = decode(#"{"unterminated": "value"#, envelope: .json)
        #expect(message(line) == #"{"unterminated": "value"#)
    }

    @Test func dockerComposePrefixNamesTheServiceAndItsJSONIsDecoded() {
        let line = decode(#"caddy-1  | {"level":"error","ts":1741745702.0,"msg":"upstream down"}"#)
        #expect(line.service == "caddy")
        #expect(line.severity == .error)
        #expect(message(line) == "upstream down")
        #expect(line.time == march12)
    }

    @Test func colourCodesAreRemovedBeforeReading() {
        let line = decode("\u{1B}[2Kweb_1  | 2025-03-12T02:15:02Z \u{1B}[31mERROR\u{1B}[0m boom")
        #expect(line.service == "web")
        #expect(line.severity == .error)
        #expect(!message(line).contains("\u{1B}"))
    }
}
