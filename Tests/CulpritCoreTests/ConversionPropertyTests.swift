import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract
@testable import CulpritRender

/// Properties of every conversion of a number or a time read from input: random
/// instants come back from every text form exactly, and hostile numbers (out of
/// range, non-finite, negative) neither trap nor come out as figures.
@Suite struct ConversionPropertyTests {
    // MARK: - Times

    @Test func rfc3339WithAnyOffsetAndFractionReadsBackTheInstant() {
        var random = SplitMix64(state: 3339)
        for _ in 0..<5000 {
            let micros = Int64.random(in: 86_400_000_000...7_258_118_400_000_000, using: &random)
            let offsetMinutes = Int.random(in: -14 * 60...14 * 60, using: &random)
            let fractionDigits = Int.random(in: 0...9, using: &random)
            let style = OffsetStyle.allCases.randomElement(using: &random)!
            let text = localText(micros, offsetMinutes: offsetMinutes, fractionDigits: fractionDigits, style: style)
            #expect(parse(text) == truncated(micros, toDigits: fractionDigits), "\(text)")
        }
    }

    @Test func everyTextFormOfOneInstantReadsTheSame() {
        var random = SplitMix64(state: 1970)
        let utc = parser(zone: "UTC", year: 2025)
        for _ in 0..<3000 {
            let seconds = Int64.random(in: 86_400...7_258_118_400, using: &random)
            let (date, clock) = civil(seconds)
            let month = monthNames[date.month - 1]
            let year = String(date.year)
            let day = twoDigits(date.day)
            let forms = [
                "\(year)-\(twoDigits(date.month))-\(day) \(clock),000",
                "\(year)/\(twoDigits(date.month))/\(day) \(clock)",
                "[\(day)/\(month)/\(year):\(clock) +0000]",
                "\(month) \(date.day < 10 ? " " : "")\(date.day) \(clock) \(year) host app[1]:",
                "\(day) \(month) \(year) \(clock).000 # oom",
            ]
            for form in forms {
                #expect(parse(form, with: utc) == seconds * 1_000_000, "\(form)")
            }
        }
    }

    @Test func epochDigitsOfEveryUnitReadBackExactly() {
        var random = SplitMix64(state: 1_741_745_702)
        for _ in 0..<5000 {
            let micros = Int64.random(in: 1_000_000_000_000_000...4_102_444_800_000_000, using: &random)
            let seconds = micros / 1_000_000
            let forms: [(String, Int64)] = [
                (String(seconds), seconds * 1_000_000),
                (String(micros / 1000), micros / 1000 * 1000),
                (String(micros), micros),
                (String(micros) + "789", micros),
                ("\(seconds).\(String(micros % 1_000_000 + 1_000_000).dropFirst())", micros),
            ]
            for (text, expected) in forms {
                let bytes = Array(text.utf8)
                #expect(bytes.withUnsafeBufferPointer(TimestampParser.micros(fromEpochDigits:)) == expected, "\(text)")
            }
            #expect(TimestampParser.micros(fromEpoch: Double(seconds)) == seconds * 1_000_000)
            #expect(TimestampParser.micros(fromEpoch: Double(micros / 1000)) == micros / 1000 * 1000)
        }
    }

    @Test func epochNumbersThatAreNoInstantAreNoTime() {
        let hostile: [Double] = [.nan, .infinity, -.infinity, 0, -1, -1e300, 1e20, 1e300, .greatestFiniteMagnitude,
                                 .leastNonzeroMagnitude, -.leastNonzeroMagnitude]
        for number in hostile {
            let micros = TimestampParser.micros(fromEpoch: number)
            #expect(micros == nil || (0...100_000_000_000_000_000).contains(micros!), "\(number) read as \(String(describing: micros)) µs")
        }
    }

    @Test func epochTextOfAnyLengthIsNeverAWrappedTime() {
        var random = SplitMix64(state: 20)
        let texts = (0..<2000).map { _ in
            String((0..<Int.random(in: 1...25, using: &random)).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        let wrapped = texts.first { text in
            let micros = Array(text.utf8).withUnsafeBufferPointer(TimestampParser.micros(fromEpochDigits:))
            return micros.map { !(0...100_000_000_000_000_000).contains($0) } ?? false
        }
        #expect(wrapped == nil, "\(wrapped ?? "") read as a time before 1970")
    }

    // MARK: - Numbers through the pipeline

    /// Lines whose numbers are out of every range, and what they must not become.
    static let hostileLines = [
        #"{"msg":"heap sample","heap_used_bytes":1e300}"#,
        #"{"msg":"heap sample","rss":99999999999999999999999999}"#,
        #"{"level":1e999,"msg":"worker failed"}"#,
        #"{"level":"99999999999999999999","msg":"worker failed"}"#,
        #"{"msg":"lone \uD800 surrogate: OutOfMemoryError"}"#,
        #"{"msg":"lone \uDC00 low surrogate: OutOfMemoryError"}"#,
        "2025-03-12T02:15:02Z heap=99999999999999999999999 MB",
        "2025-03-12T02:15:02Z heap=1e300 MB",
        "2025-03-12T02:15:02Z heap=-12 MB",
        #"10.0.0.1 - - [12/Mar/2025:03:15:02 +0100] "GET / HTTP/1.1" 999999999999999999999 12"#,
    ]

    @Test(arguments: hostileLines)
    func hostileNumbersNeverTrapAndNeverBecomeFigures(line: String) throws {
        checkFigures(try extractWithBuiltInPatterns(line + "\n"), line: line)
    }

    /// `Double(text)` reads `NaN`, `Infinity` and `1e999`: none of them, nor a
    /// negative size or duration, may become a figure.
    static let nonFiniteOrNegativeLines = [
        #"{"msg":"heap sample","heap_used_bytes":1e999}"#,
        #"{"msg":"heap sample","heap_used_bytes":"NaN"}"#,
        #"{"msg":"heap sample","rss_bytes":"Infinity"}"#,
        #"{"msg":"heap sample","heap_used_bytes":-5}"#,
        #"{"msg":"Slow query","attr":{"durationMillis":1e999}}"#,
        #"{"msg":"Slow query","attr":{"durationMillis":-40}}"#,
        "ts=2025-03-12T02:15:02Z level=info msg=sample heap_used_bytes=NaN",
    ]

    @Test(arguments: nonFiniteOrNegativeLines)
    func nonFiniteAndNegativeFiguresAreNotFigures(line: String) throws {
        let events = try extractWithBuiltInPatterns(line + "\n")
        checkFigures(events, line: line)
    }

    @Test(arguments: [
              #"{"msg":"request done","status":1e999}"#,
              #"{"msg":"request done","status":99999999999999999999999}"#,
              #"{"msg":"request done","status":-1e300}"#,
              "ts=2025-03-12T02:15:02Z level=info msg=\"request done\" status=1e999",
              #"{"msg":"request done","status":"NaN"}"#,
          ])
    func httpStatusFieldOutOfIntRangeIsNoStatus(line: String) throws {
        checkFigures(try extractWithBuiltInPatterns(line + "\n"), line: line)
    }

    @Test(arguments: [
              #"{"level":-1e300,"msg":"worker failed: OutOfMemoryError"}"#,
              #"{"PRIORITY":-1e19,"MESSAGE":"worker failed: OutOfMemoryError"}"#,
              #"{"level":-1e999,"msg":"worker failed: OutOfMemoryError"}"#,
          ])
    func levelNumberOutOfIntRangeIsNoLevel(line: String) throws {
        let events = try extractWithBuiltInPatterns(line + "\n")
        #expect(events.contains { $0.kind == .oom })
        checkFigures(events, line: line)
    }

    @Test(arguments: [
              #"{"msg":"\uD800\u0041 OutOfMemoryError"}"#,
              #"{"msg":"\uDBFF\u0000 OutOfMemoryError"}"#,
          ])
    func highSurrogateBeforeANonLowSurrogateIsReplaced(line: String) throws {
        let events = try extractWithBuiltInPatterns(line + "\n")
        #expect(events.contains { $0.kind == .oom })
    }

    @Test
    func figuresOfAnySizeRenderInTheEventTable() {
        let figures: [Double] = [1e300, -1e300, 1e19, -1e19, 0x1p60, .greatestFiniteMagnitude, .nan, .infinity, -.infinity]
        for (kind, unit) in [(EventKind.memory, ValueUnit.bytes), (.latency, .seconds), (.error, .count), (.http, nil)] {
            for figure in figures {
                let event = LogEvent(time: 0, service: "auth", host: nil, kind: kind, value: figure, unit: unit, version: nil,
                                     patternID: "p", ref: SourceRef(path: "app.log", line: 7))
                let row = String(decoding: EventTable.render([event]), as: UTF8.self)
                #expect(row.contains("app.log:7"), "\(kind) \(figure)")
            }
        }
    }

    // MARK: - Helpers

    enum OffsetStyle: CaseIterable { case colon, compact, zulu }

    /// `micros` written as the local time of a zone `offsetMinutes` east of UTC.
    func localText(_ micros: Int64, offsetMinutes: Int, fractionDigits: Int, style: OffsetStyle) -> String {
        let offset = style == .zulu ? 0 : offsetMinutes
        let local = micros + Int64(offset) * 60_000_000
        let (date, clock) = civil(local / 1_000_000)
        var text = "\(date.year)-\(twoDigits(date.month))-\(twoDigits(date.day))T\(clock)"
        if fractionDigits > 0 {
            let nanos = String(local % 1_000_000 * 1000 + 1_000_000_000).dropFirst()
            text += "." + nanos.prefix(fractionDigits)
        }
        let sign = offset < 0 ? "-" : "+"
        let hours = twoDigits(abs(offset) / 60), minutes = twoDigits(abs(offset) % 60)
        switch style {
        case .colon: return text + sign + hours + ":" + minutes
        case .compact: return text + sign + hours + minutes
        case .zulu: return text + "Z"
        }
    }

    func truncated(_ micros: Int64, toDigits digits: Int) -> Int64 {
        guard digits < 6 else { return micros }
        var unit: Int64 = 1
        for _ in digits..<6 { unit *= 10 }
        return micros / unit * unit
    }

    func civil(_ seconds: Int64) -> (date: (year: Int, month: Int, day: Int), clock: String) {
        let date = CivilTime.civilFromDays(Int(seconds / 86_400))
        let second = Int(seconds % 86_400)
        return (date, "\(twoDigits(second / 3600)):\(twoDigits(second % 3600 / 60)):\(twoDigits(second % 60))")
    }

    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Every figure an event carries is a finite number, never below zero for an
    /// amount (bytes, seconds, a status), and a status is an HTTP status.
    func checkFigures(_ events: [LogEvent], line: String) {
        for event in events {
            for figure in [event.value, event.duration, event.limit].compactMap({ $0 }) {
                #expect(figure.isFinite, "\(event.kind) figure \(figure) from \(line)")
                if event.unit == .bytes || event.unit == .seconds || event.kind == .http {
                    #expect(figure >= 0, "\(event.kind) figure \(figure) from \(line)")
                }
            }
            if let status = event.status { #expect((100...599).contains(status), "status \(status) from \(line)") }
            if let time = event.time { #expect((0...100_000_000_000_000_000).contains(time), "time \(time) from \(line)") }
        }
    }

    /// The batch pipeline over `text` with the built-in patterns, as `culprit extract` runs it.
    func extractWithBuiltInPatterns(_ text: String) throws -> [LogEvent] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-properties-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.log").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let settings = ExtractionSettings(patterns: try PatternSet.load())
        let pipeline = ExtractionPipeline(settings: settings, diagnostics: Diagnostics(quiet: true))
        var events = [LogEvent]()
        pipeline.run(files: [InputFile(openPath: path, displayPath: "app.log")], render: { $0 }) { events += $0 }
        return events
    }
}
