import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritExtract

/// A deterministic generator so a failure names an instant that can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func parser(zone: String = "UTC", year: Int = 2025, latest: Int64 = .max / 4) -> TimestampParser {
    TimestampParser(zone: ZoneResolver(zone: TimeZone(identifier: zone)!), defaultYear: year, latestPlausible: latest)
}

func parse(_ text: String, with parser: TimestampParser = parser()) -> Int64? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { parser.find(in: UnsafeBufferPointer($0), window: 128)?.micros }
}

func formatter(_ format: String, zone: String) -> DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: zone)
    formatter.dateFormat = format
    return formatter
}

@Suite struct TimestampParserTests {
    @Test func rfc3339FormsAgreeWithFoundationOnThousandsOfRandomInstants() {
        var random = SplitMix64(state: 42)
        let forms: [(String, String)] = [
            ("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "UTC"), ("yyyy-MM-dd HH:mm:ss,SSS", "UTC"), ("yyyy/MM/dd HH:mm:ss", "UTC"),
            ("dd/MMM/yyyy:HH:mm:ss Z", "America/New_York"), ("yyyy-MM-dd'T'HH:mm:ssZ", "Asia/Kolkata"),
            ("EEE MMM dd HH:mm:ss yyyy", "UTC"), ("dd MMM yyyy HH:mm:ss.SSS", "UTC"),
        ]
        for (format, zone) in forms {
            let reference = formatter(format, zone: zone)
            for _ in 0..<1500 {
                let seconds = Double(Int64.random(in: 0...4_102_444_800, using: &random)) + Double(Int.random(in: 0..<1000, using: &random)) / 1000
                let date = Date(timeIntervalSince1970: seconds)
                let text = reference.string(from: date)
                let expected = Int64((reference.date(from: text)!.timeIntervalSince1970 * 1000).rounded()) * 1000
                let forms = format.contains("XXXXX") || format.contains("Z") ? parser() : parser(zone: zone)
                #expect(parse(text, with: forms) == expected, "\(format): \(text)")
            }
        }
    }

    @Test func localTimesUseTheGivenZoneIncludingDaylightSaving() {
        var random = SplitMix64(state: 7)
        for zone in ["Africa/Lagos", "Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe"] {
            let reference = formatter("yyyy-MM-dd HH:mm:ss", zone: zone)
            for _ in 0..<1000 {
                let date = Date(timeIntervalSince1970: Double(Int64.random(in: 946_684_800...2_000_000_000, using: &random)))
                let text = reference.string(from: date)
                let expected = Int64(reference.date(from: text)!.timeIntervalSince1970) * 1_000_000
                #expect(parse(text, with: parser(zone: zone)) == expected, "\(zone): \(text)")
            }
        }
    }

    @Test func syslogWithoutYearTakesTheDefaultYearButNeverTheFuture() {
        let december = parser(year: 2025, latest: CivilTime.epochSeconds(year: 2025, month: 1, day: 5, hour: 0, minute: 0, second: 0))
        #expect(parse("Dec 31 23:59:58 web1 kernel: x", with: december) == CivilTime.epochSeconds(year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 58) * 1_000_000)
        #expect(parse("Jan  3 01:02:03 web1 app[12]: y", with: december) == CivilTime.epochSeconds(year: 2025, month: 1, day: 3, hour: 1, minute: 2, second: 3) * 1_000_000)
    }

    @Test func fractionsOfAnyLengthAndOffsetsOfEveryShape() {
        let base = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 2, minute: 15, second: 2) * 1_000_000
        #expect(parse("2025-03-12T03:15:02.123456789+01:00") == base + 123_456)
        #expect(parse("2025-03-12T03:15:02.1+0100") == base + 100_000)
        #expect(parse("2025-03-12T02:15:02Z") == base)
        #expect(parse("2025-03-12 02:15:02 UTC [123] LOG:") == base)
        #expect(parse("[12/Mar/2025:03:15:02 +0100]") == base)
        #expect(parse("[2025-03-12T03:15:02.000+0100][info][gc] GC(1)") == base)
        #expect(parse("1234:M 12 Mar 2025 02:15:02.000 # oom") == base)
        #expect(parse("[Wed Mar 12 02:15:02 2025] Out of memory") == base)
    }

    @Test func klogTimesTakeTheYear() {
        let line = Array("E0312 02:15:02.250000       1 main.go:1] failed".utf8)
        let micros = line.withUnsafeBufferPointer { parser().parseKlog($0, at: 1)?.micros }
        #expect(micros == CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 2, minute: 15, second: 2) * 1_000_000 + 250_000)
    }

    @Test func epochNumbersAreReadByMagnitude() {
        let seconds: Int64 = 1_741_745_702
        #expect(TimestampParser.micros(fromEpoch: Double(seconds)) == seconds * 1_000_000)
        #expect(TimestampParser.micros(fromEpoch: Double(seconds * 1000 + 123)) == seconds * 1_000_000 + 123_000)
        let digits = Array("1741745702123456".utf8)
        #expect(digits.withUnsafeBufferPointer(TimestampParser.micros(fromEpochDigits:)) == seconds * 1_000_000 + 123_456)
        let nanos = Array("1741745702123456789".utf8)
        #expect(nanos.withUnsafeBufferPointer(TimestampParser.micros(fromEpochDigits:)) == seconds * 1_000_000 + 123_456)
    }

    @Test func invalidDatesAndNumbersAreNotTimestamps() {
        #expect(parse("2025-13-12 03:15:02 bad month") == nil)
        #expect(parse("2025-02-30 03:15:02 bad day") == nil)
        #expect(parse("version 1.2.3 build 20250312") == nil)
        #expect(parse("10.0.0.1 - - \"GET / HTTP/1.1\" 200") == nil)
    }

    @Test func rfc3339OutputRoundTrips() {
        var random = SplitMix64(state: 99)
        for _ in 0..<2000 {
            let micros = Int64.random(in: 0...4_102_444_800_000_000, using: &random)
            #expect(parse(CivilTime.rfc3339(micros)) == micros)
        }
    }
}

@Suite struct JavaUtilLoggingTimestampTests {
    private func parse(_ text: String) -> Int64? {
        let parser = TimestampParser(zone: ZoneResolver(zone: TimeZone(identifier: "UTC")!), defaultYear: 2025, latestPlausible: .max / 4)
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parser.find(in: UnsafeBufferPointer($0)) }?.micros
    }

    @Test func julDefaultFormatIsReadWithItsTwelveHourClock() {
        // Tomcat's catalina.out and java.util.logging's SimpleFormatter default.
        #expect(parse("Apr 7, 2014 8:11:23 PM org.apache.catalina.connector.CoyoteAdapter service") == 1_396_901_483_000_000)
        #expect(parse("Dec 01, 2026 12:05:00 AM OrdersService main") == 1_796_083_500_000_000)
        #expect(parse("Dec 01, 2026 12:05:00 PM OrdersService main") == 1_796_126_700_000_000)
        #expect(parse("Dec 01, 2026 13:05:00 PM x") == nil)
    }
}
