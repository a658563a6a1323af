import CulpritModel

/// Writes events as rows of `EventTableSchema`'s table, in `TabSeparated`.
public struct EventRowEncoder: Sendable {
    /// The machine that ships the events (the `host` column).
    public var originHost: String

    /// An encoder for events shipped by `originHost`.
    public init(originHost: String) { self.originHost = originHost }

    /// The rows of `events`, in order. Events of one line must be adjacent, as
    /// extraction hands them over, so each gets its place among them (`ordinal`).
    public func encode(_ events: [LogEvent]) -> [UInt8] {
        var out: [UInt8] = []
        var estimate = 0
        for index in events.indices { estimate += events[index].excerpt.utf8.count + events[index].ref.path.utf8.count + 160 }
        out.reserveCapacity(estimate)
        var ordinal = 0
        for index in events.indices {
            if index > 0, events[index].ref == events[index - 1].ref { ordinal += 1 } else { ordinal = 0 }
            append(events[index], ordinal: min(ordinal, Int(UInt16.max)), to: &out)
        }
        return out
    }

    private func append(_ event: LogEvent, ordinal: Int, to out: inout [UInt8]) {
        func field(_ text: String) {
            TabSeparated.appendEscaped(text, to: &out)
            out.append(UInt8(ascii: "\t"))
        }
        func raw(_ text: String) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\t"))
        }
        func number(_ value: Double?) {
            if let value, value.isFinite { out.append(contentsOf: value.description.utf8) } else { out.append(contentsOf: "\\N".utf8) }
            out.append(UInt8(ascii: "\t"))
        }
        field(originHost)
        field(event.ref.path)
        raw(String(max(event.ref.line, 0)))
        raw(String(ordinal))
        field(event.service)
        field(event.kind.rawValue)
        raw(String(event.time ?? 0))
        raw(event.time == nil ? "0" : "1")
        field(event.timeQuality.rawValue)
        field(event.host ?? "")
        field(event.patternID)
        raw(String(event.severity?.rawValue ?? -1))
        number(event.value)
        field(event.unit?.rawValue ?? "")
        number(event.limit)
        if let status = event.status, let narrow = Int32(exactly: status) { raw(String(narrow)) } else { raw("\\N") }
        number(event.duration)
        field(event.version ?? "")
        field(event.dependency ?? "")
        TabSeparated.appendEscaped(event.excerpt, to: &out)
        out.append(UInt8(ascii: "\n"))
    }
}
