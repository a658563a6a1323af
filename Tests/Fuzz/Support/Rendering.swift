import Foundation
@testable import CulpritModel
@testable import CulpritRender

/// Renders events the two ways `culprit extract` does. Every NDJSON line must be a
/// JSON object (a number the writer cannot write is `null`, never `nan`), and the
/// table must come out whatever the figures are.
func checkRendering(_ events: [LogEvent]) {
    _ = EventTable.render(events)
    let ndjson = EventNDJSON.render(events).bytes
    var lines = 0
    for line in ndjson.split(separator: 0x0A) {
        lines += 1
        let object = try? JSONSerialization.jsonObject(with: Data(line))
        check(object is [String: Any], "NDJSON line \(lines) is not a JSON object: \(String(decoding: line, as: UTF8.self))")
    }
    check(lines == events.count, "\(events.count) events rendered as \(lines) NDJSON lines")
}
