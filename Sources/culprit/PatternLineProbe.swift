import CulpritModel
import CulpritIngest
import CulpritExtract
import Foundation

/// `culprit patterns test --line TEXT`: which patterns match one line, each
/// tried alone through the real decoding and matching path, what each takes
/// from it (the event fields its captures fill), and what `extract` emits for
/// the line with the whole set.
struct PatternLineProbe {
    var patterns: PatternSet
    var zone: TimeZone

    /// The report for `line`, and whether any pattern matched it.
    func report(_ line: String) -> (text: String, matched: Bool) {
        var out = "line: \(line)\n"
        var matched = 0
        let width = patterns.definitions.map(\.id.count).max() ?? 2
        for definition in patterns.definitions {
            // A set of one: the pattern alone, as its examples are run.
            guard let alone = try? PatternSet([definition]) else { continue }
            for event in events(line, with: alone) {
                matched += 1
                out += "  " + definition.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + event.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + Self.fields(event) + "\n"
            }
        }
        if matched == 0 { out += "  no pattern matches\n" }
        let emitted = events(line, with: patterns)
        out += "extract emits: " + (emitted.isEmpty ? "nothing" : emitted.map { "\($0.kind.rawValue) (\($0.patternID))" }.joined(separator: ", ")) + "\n"
        return (out, matched > 0)
    }

    func events(_ line: String, with set: PatternSet) -> [LogEvent] {
        var extractor = StreamingExtractor(settings: ExtractionSettings(patterns: set, zone: zone), file: .standardInput)
        return extractor.events(from: Array((line + "\n").utf8))
    }

    /// `value=503 status=503 level=error`: what the pattern took from the line.
    static func fields(_ event: LogEvent) -> String {
        var parts = [String]()
        if let time = event.time { parts.append("time=" + CivilTime.rfc3339(time)) }
        if event.service != "stdin" { parts.append("service=" + event.service) }
        if let host = event.host { parts.append("host=" + host) }
        if event.value != nil { parts.append("value=" + ValueFormatting.describe(event).replacingOccurrences(of: " ", with: "")) }
        if let status = event.status { parts.append("status=\(status)") }
        if let duration = event.duration { parts.append("duration=" + ValueFormatting.seconds(duration)) }
        if let limit = event.limit { parts.append("limit=" + ValueFormatting.bytes(limit)) }
        if let severity = event.severity { parts.append("level=" + severity.name) }
        if let version = event.version { parts.append("version=" + version) }
        if let dependency = event.dependency { parts.append("dependency=" + dependency) }
        return parts.joined(separator: " ")
    }
}
