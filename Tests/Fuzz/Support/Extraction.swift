import Foundation
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

/// The built-in pattern set, loaded once: the one every run of culprit uses.
let builtInPatterns: PatternSet = {
    do { return try PatternSet.load() } catch { fatalError("built-in patterns do not load: \(error)") }
}()

/// Paths that name a service, and one (`syslog`) that does not.
let fuzzPaths = ["auth-service/app.log", "syslog", "payments.log"]

/// Settings for a chunk: the zone, and either the default line limit or a small
/// one, so that cutting long lines is exercised too.
func fuzzSettings(_ input: inout FuzzedInput) -> ExtractionSettings {
    let zone = input.choice(of: fuzzZones)
    let maxLineLength = input.choice(of: [1 << 20, 80])
    return ExtractionSettings(patterns: builtInPatterns, zone: zone, maxLineLength: maxLineLength)
}

/// A file context as the pipeline makes one, with a fixed "now" so runs repeat.
func fuzzContext(_ input: inout FuzzedInput, settings: ExtractionSettings, envelope: EnvelopeKind) -> FileContext {
    let path = input.choice(of: fuzzPaths)
    return FileContext(file: InputFile(openPath: path, displayPath: path), envelope: envelope, settings: settings,
                       now: CivilTime.epochSeconds(year: 2025, month: 6, day: 1, hour: 0, minute: 0, second: 0))
}

/// Lines as the extractor counts them: one per newline, and one more for an unterminated tail.
func lineCount(_ bytes: some BidirectionalCollection<UInt8>) -> Int {
    let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return newlines + (bytes.last.map { $0 != 0x0A } ?? false ? 1 : 0)
}

/// Kinds whose figures are amounts (bytes, seconds, a status): never below zero.
private let measuredKinds: Set<EventKind> = [.memory, .oom, .gc, .http, .latency]

/// What every set of extracted events must satisfy, whatever the bytes were:
/// each refers to a line that exists, in order; no record yields two events of
/// one kind; every figure is a finite, non-negative number of its unit; HTTP
/// statuses are statuses; times are plausible instants.
func checkEvents(_ events: [LogEvent], lines: Int) {
    var previousLine = 0
    var kindsAtLine = Set<EventKind>()
    for event in events {
        check((1...max(lines, 1)).contains(event.ref.line), "event at line \(event.ref.line) of \(lines)")
        check(event.ref.line >= previousLine, "event at line \(event.ref.line) after one at line \(previousLine)")
        if event.ref.line != previousLine { kindsAtLine.removeAll() }
        check(kindsAtLine.insert(event.kind).inserted, "two \(event.kind) events for the record at line \(event.ref.line)")
        previousLine = event.ref.line
        for (name, figure) in [("value", event.value), ("duration", event.duration), ("limit", event.limit)] {
            guard let figure else { continue }
            check(figure.isFinite, "figure is not finite: \(event.kind) \(name) \(figure) at line \(event.ref.line)")
            if measuredKinds.contains(event.kind) {
                check(figure >= 0, "figure is negative: \(event.kind) \(name) \(figure) at line \(event.ref.line)")
            }
        }
        if event.kind == .http {
            check(event.status.map { (100...599).contains($0) } == true, "status is no HTTP status: \(String(describing: event.status)) at line \(event.ref.line)")
        }
        if let time = event.time {
            check(plausibleMicros.contains(time), "event time implausible: \(time) µs at line \(event.ref.line)")
        }
        check(!event.service.isEmpty, "event at line \(event.ref.line) without a service")
    }
}
