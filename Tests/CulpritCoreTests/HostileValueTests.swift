import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract
@testable import CulpritCorrelate
@testable import CulpritRender

/// Values a corrupt or hostile line can carry never trap, wrap or become a
/// confident wrong number: they are dropped or kept as text.
@Suite struct HostileValueTests {
    @Test func hostileNumbersInJSONNeitherTrapNorBecomeValues() throws {
        let lines = [
            #"{"time":"2025-03-12T01:00:00Z","msg":"request done","status":1e999}"#,
            #"{"time":"2025-03-12T01:00:01Z","msg":"request done","status":-1e300}"#,
            #"{"time":"2025-03-12T01:00:02Z","level":-1e300,"msg":"heap used 12MB"}"#,
            #"{"time":"2025-03-12T01:00:03Z","level":1e300,"msg":"boom"}"#,
            #"{"time":"2025-03-12T01:00:04Z","level":3.5,"msg":"boom"}"#,
            #"{"time":"2025-03-12T01:00:05Z","msg":"stats","rss_bytes":1e300}"#,
            #"{"time":"2025-03-12T01:00:06Z","msg":"stats","heapUsed":-5}"#,
            #"{"time":"2025-03-12T01:00:07Z","msg":"request done","status":"NaN","duration_ms":1e308}"#,
            #"{"time":"2025-03-12T01:00:08Z","msg":"a\uD800 lone surrogate","level":"error"}"#,
            #"{"time":"2025-03-12T01:00:09Z","msg":"reversed \uDC00\uD800 pair","level":"error"}"#,
            #"{"time":"2025-03-12T01:00:10Z","msg":"high then letter \uD800\u0041","level":"error"}"#,
            "2025-03-12T01:00:11Z INFO heap used=1e300MB",
            "2025-03-12T01:00:12Z INFO heap used=99999999999999999999999999999999 GB",
            "2025-03-12T01:00:13Z INFO GC pause 1e999 ms",
        ]
        let (events, _) = try extractWithBuiltIns(lines.joined(separator: "\n") + "\n")
        for event in events {
            if let value = event.value {
                #expect(value.isFinite, "\(event.ref): \(value)")
                if event.unit == .bytes { #expect(value >= 0 && value <= PlausibleValue.maximumBytes, "\(event.ref): \(value)") }
                if event.unit == .seconds { #expect(value >= 0 && value <= PlausibleValue.maximumSeconds, "\(event.ref): \(value)") }
            }
            if let duration = event.duration { #expect(duration.isFinite && duration <= PlausibleValue.maximumSeconds) }
            if let status = event.status { #expect((100...599).contains(status)) }
            _ = ValueFormatting.describe(event)
        }
        #expect(!events.contains { $0.kind == .http }, "no status above is a real one")
        #expect(!events.contains { $0.kind == .memory && ($0.value ?? 0) > 1e18 })
    }

    @Test func loneAndReversedSurrogatesDecodeAsReplacementCharacters() {
        func message(_ json: String) -> String? {
            var bytes = Array(json.utf8)
            return bytes.withUnsafeMutableBufferPointer { JSONRecordParser.parse(UnsafeBufferPointer($0)) }?["msg"]?.text
        }
        #expect(message(#"{"msg":"a\uD800b"}"#) == "a\u{FFFD}b")
        #expect(message(#"{"msg":"\uD800\u0041"}"#) == "\u{FFFD}A")
        #expect(message(#"{"msg":"\uDC00"}"#) == "\u{FFFD}")
        #expect(message(#"{"msg":"\uD83D\uDE00"}"#) == "😀")
        #expect(message(#"{"msg":"\uD800"}"#) == "\u{FFFD}")
    }

    @Test func epochDigitsThatOverflowAreNoTime() {
        func micros(_ text: String) -> Int64? {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { TimestampParser.micros(fromEpochDigits: UnsafeBufferPointer($0)) }
        }
        #expect(micros("1741745702123456789") == 1_741_745_702_123_456)
        #expect(micros("9999999999999999999") == nil)
        #expect(micros("99999999999999999999") == nil)
    }

    @Test func unreadableYAMLIsOneLineAtItsLine() {
        // A control character is a YAML reader error, reported by the library over several lines.
        do {
            _ = try PatternPackLoader.load(text: "pack: x\npatterns:\n  - id: a\u{01}b\n", file: "fuzz.yaml")
            Issue.record("a control character was accepted")
        } catch {
            #expect(!error.description.contains("\n"), "\(error.description)")
            #expect(error.description.hasPrefix("fuzz.yaml:3:"), "\(error.description)")
        }
    }

    @Test func infiniteJSONNumberStaysTextAndIsNoNumber() {
        var bytes = Array(#"{"status":1e999,"n":"inf","m":"nan"}"#.utf8)
        let fields = bytes.withUnsafeMutableBufferPointer { JSONRecordParser.parse(UnsafeBufferPointer($0)) }
        #expect(fields?["status"]?.text == "1e999")
        #expect(fields?["status"]?.number == nil)
        #expect(fields?["n"]?.number == nil)
        #expect(fields?["m"]?.number == nil)
    }

    @Test func formattingAnyDoubleNeverTraps() {
        for value in [Double.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18, -9.3e18, Double.greatestFiniteMagnitude] {
            _ = ValueFormatting.bytes(value)
            _ = ValueFormatting.seconds(value)
            _ = ValueFormatting.oneDecimal(value)
            _ = ValueFormatting.trimmed(value)
            _ = String(format2: value)
            _ = String(format1: value)
        }
        #expect(ValueFormatting.integerText(1e20) == "1e+20")
        #expect(ValueFormatting.integerText(42) == "42")
    }

    @Test func patternWithMoreThanThirtyTwoGroupsStillMatchesAndCaptures() throws {
        let groups = String(repeating: "(a)?", count: 40)
        let yaml = """
        pack: many
        patterns:
          - id: many.groups
            kind: memory
            literals: [heapsize]
            regex: '\(groups)heapsize=(?P<value>\\d+)(?P<unit>MB)'
        """
        let set = try PatternSet(PatternPackLoader.load(text: yaml, file: "many.yaml"))
        let (events, _) = try extractWithBuiltIns("2025-03-12T01:00:00Z heapsize=512MB\n", patterns: set)
        #expect(events.count == 1)
        #expect(events.first?.value == Double(512 * 1_048_576))
    }

    @Test func catastrophicPatternIsReportedNotSilentlyBlind() throws {
        let yaml = """
        pack: slow
        patterns:
          - id: slow.nested
            kind: error
            literals: [aaaa]
            regex: '^(a+)+$'
        """
        let set = try PatternSet(PatternPackLoader.load(text: yaml, file: "slow.yaml"))
        let line = String(repeating: "a", count: 40) + "!"
        let (_, diagnostics) = try extractWithBuiltIns("\(line)\n\(line)\n", patterns: set)
        let warning = try #require(diagnostics.first { $0.contains("slow.nested") })
        #expect(warning.contains("gave up on 2 records"), "\(warning)")
        #expect(warning.contains("slow.yaml"))
    }
}
