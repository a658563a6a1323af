import CulpritModel

/// `culprit extract --format table`: one aligned row per event for people:
/// time, service, kind, value in its unit, the ref, and the line itself.
public enum EventTable {
    /// The rows for `events`, as UTF-8.
    public static func render(_ events: [LogEvent]) -> [UInt8] {
        var out = ""
        for event in events {
            let time = event.time.map(CivilTime.rfc3339) ?? "-"
            out += pad(time, 24) + "  " + pad(event.service, 16) + "  " + pad(event.kind.rawValue, 8) + "  "
            out += pad(ValueFormatting.describe(event), 12) + "  " + event.ref.description + "  "
            out += String(event.excerpt.prefix(120)) + "\n"
        }
        return Array(out.utf8)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
