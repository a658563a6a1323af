import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritExtract

/// `journalctl -o export`: entries of `KEY=VALUE` lines with length-prefixed binary values.
@Suite struct JournalExportEntryTests {
    /// One entry's text fields; `binary` values are written the way journalctl writes them.
    static func entry(_ fields: [(String, String)], binary: [(String, [UInt8])] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        for (key, value) in fields { bytes += Array("\(key)=\(value)\n".utf8) }
        for (key, value) in binary {
            bytes += Array("\(key)\n".utf8)
            var length = UInt64(value.count)
            for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length)); length >>= 8 }
            bytes += value + [0x0A]
        }
        return bytes + [0x0A]
    }

    static func serviceEntry(_ message: String, realtime: Int64, unit: String = "auth-service.service") -> [UInt8] {
        entry([("__CURSOR", "s=a09c2d17;i=\(realtime % 1000);b=528ef0e1;m=3c870d8c7b;t=6301a4d53978f;x=29899f4d"),
               ("__REALTIME_TIMESTAMP", String(realtime)), ("__MONOTONIC_TIMESTAMP", "259963789475"),
               ("_BOOT_ID", "528ef0e1d5959f24349998758a0c6ede"), ("_TRANSPORT", "stdout"), ("PRIORITY", "6"),
               ("SYSLOG_IDENTIFIER", "java"), ("MESSAGE", message), ("_PID", "28814"), ("_SYSTEMD_UNIT", unit),
               ("_HOSTNAME", "auth-01")])
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func eachEntryIsARecordAtItsFirstLineWithTheJournalsTime() throws {
        let log = Self.serviceEntry("2025-03-12 03:15:02.123 ERROR 28814 --- [exec-1] c.e.A : token validation failed", realtime: 1_741_745_702_123_456)
            + Self.serviceEntry("2025-03-12 03:15:03.000  INFO 28814 --- [exec-2] c.e.A : Issued access token", realtime: 1_741_745_703_000_000)
            + Self.serviceEntry("2025-03-12 03:15:04.000 ERROR 28814 --- [exec-3] c.e.A : token validation failed", realtime: 1_741_745_704_000_000)
        let events = try extract(Self.text(log), name: "auth-01.export", zone: "Africa/Lagos").events
        #expect(events.map(\.kind) == [.error, .error])
        #expect(events.map(\.ref.line) == [1, 25])
        #expect(events.first?.time == 1_741_745_702_123_456)
        #expect(events.first?.service == "auth-service")
        #expect(events.first?.excerpt.hasPrefix("2025-03-12 03:15:02.123 ERROR") == true)
    }

    @Test func aMultiLineMessageIsABinaryValueReadWhole() throws {
        // A stack trace with a blank line in it, 266 bytes long: its length's low byte is a newline too.
        var trace = "2025-03-12 03:15:02.123 ERROR 28814 --- [exec-1] c.e.A : token validation failed\n"
            + "java.lang.IllegalStateException: token cache full\n\tat com.example.auth.TokenCache.put(TokenCache.java:61)\n\n"
            + "\tat com.example.auth.web.TokenController.introspect(TokenController.java:112)\n"
        trace += String(repeating: "x", count: 266 - trace.utf8.count)
        #expect(trace.utf8.count == 266)
        let first = Self.entry([("__REALTIME_TIMESTAMP", "1741745702123456"), ("_SYSTEMD_UNIT", "auth-service.service"),
                                ("_TRANSPORT", "journal")], binary: [("MESSAGE", Array(trace.utf8))])
        let second = Self.serviceEntry("2025-03-12 03:15:09.000 ERROR 28814 --- [exec-3] c.e.A : OutOfMemoryError: Java heap space",
                                       realtime: 1_741_745_709_000_000)
        let events = try extract(Self.text(first + second), name: "auth-01.export").events
        #expect(events.map(\.kind) == [.error, .oom])
        let secondLine = first.filter { $0 == 0x0A }.count + 1
        #expect(events.map(\.ref.line) == [1, secondLine])
        #expect(events.map(\.service) == ["auth-service", "auth-service"])
    }

    @Test func aColouredMessageKeepsItsLengthUntilItIsRead() throws {
        // Colour codes make a value binary; stripping them before the entry is read would break its length.
        let coloured = Array("\u{1B}[31mERROR\u{1B}[0m token cache full".utf8)
        let log = Self.entry([("__REALTIME_TIMESTAMP", "1741745702123456"), ("_SYSTEMD_UNIT", "auth-service.service")],
                             binary: [("MESSAGE", coloured)])
        let events = try extract(Self.text(log), name: "auth-01.export").events
        #expect(events.map(\.kind) == [.error])
        #expect(events.first?.excerpt == "ERROR token cache full")
        #expect(events.first?.time == 1_741_745_702_123_456)
    }

    @Test func aDamagedBinaryValueCostsOnlyItsOwnEntry() throws {
        var damaged = Array("__REALTIME_TIMESTAMP=1741745702000000\nMESSAGE\n".utf8)
        damaged += [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + Array("boom err\n\n".utf8)
        let good = Self.serviceEntry("2025-03-12 03:15:04.000 ERROR 28814 --- [exec-3] c.e.A : token validation failed", realtime: 1_741_745_704_000_000)
        let events = try extract(Self.text(damaged + good), name: "auth-01.export").events
        #expect(events.last?.time == 1_741_745_704_000_000)
        #expect(events.last?.ref.line == 5)
    }

    @Test func stackTraceAcrossStdoutEntriesIsOneRecord() throws {
        let messages = ["2025-03-12 03:08:11.118 ERROR 28814 --- [exec-3] c.e.A : token validation failed",
                        "java.util.concurrent.TimeoutException: null",
                        "\tat com.example.auth.session.SessionStore.lookup(SessionStore.java:88)",
                        "2025-03-12 03:08:12.399  INFO 28814 --- [exec-4] c.e.A : Issued access token"]
        let log = messages.enumerated().flatMap { Self.serviceEntry($1, realtime: 1_741_745_291_120_000 + Int64($0)) }
        let events = try extract(Self.text(log), name: "auth-01.export").events
        #expect(events.map(\.kind) == [.error])
    }

    @Test func entriesCutByChunkBoundariesStayWhole() throws {
        var log: [UInt8] = []
        for index in 0..<400 {
            let message = index % 10 == 0 ? "2025-03-12 03:15:02.123 ERROR 1 --- [exec-1] c.e.A : token validation failed \(index)"
                                          : "2025-03-12 03:15:02.123  INFO 1 --- [exec-1] c.e.A : Issued access token \(index)"
            log += Self.serviceEntry(message, realtime: 1_741_745_702_000_000 + Int64(index) * 1_000_000)
        }
        let whole = try extract(Self.text(log), name: "auth-01.export").events
        let chunked = try extract(Self.text(log), name: "auth-01.export", chunkSize: 4096).events
        #expect(whole.count == 40)
        #expect(chunked.map(\.ref.line) == whole.map(\.ref.line))
        #expect(chunked.map(\.time) == whole.map(\.time))
        #expect(chunked.allSatisfy { $0.service == "auth-service" })
    }

    @Test func aStreamedExportKeepsItsEntriesWholeAcrossReads() throws {
        let log = (0..<6).flatMap { index in
            Self.serviceEntry("2025-03-12 03:15:0\(index).000 ERROR 1 --- [exec-1] c.e.A : token validation failed",
                              realtime: 1_741_745_702_000_000 + Int64(index) * 1_000_000)
        }
        // What `journalctl -f -o export | culprit watch -` reads: a few lines at a time.
        let lines = log.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) + [0x0A] }
        var extractor = StreamingExtractor(settings: ExtractionSettings(patterns: try testPatterns()), file: .standardInput)
        var events = [LogEvent]()
        var index = 0
        while index < lines.count {
            events += extractor.events(from: Array(lines[index..<min(index + 5, lines.count)].joined()))
            index += 5
        }
        #expect(events.count == 6)
        #expect(events.map(\.ref.line) == [1, 13, 25, 37, 49, 61])
        #expect(events.map(\.time) == (0..<6).map { 1_741_745_702_000_000 + Int64($0) * 1_000_000 })
    }

    @Test func exportIsDetectedPerFileAndAnUpperCaseLogfmtKeyIsNot() {
        let entry = Self.text(Self.serviceEntry("ready", realtime: 1_741_745_702_000_000))
        #expect(detect(entry.split(separator: "\n").map(String.init)) == .journalExport)
        #expect(detect([#"LEVEL=info msg="ready" port=8080 pid=1"#]) != .journalExport)
    }
}
