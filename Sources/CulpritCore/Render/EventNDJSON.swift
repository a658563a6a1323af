/// `culprit extract --format ndjson`: one event per line with the contract's
/// fields (`ts`, `service`, `host`, `kind`, `value`, `unit`, `version`,
/// `pattern`, `ref`), then extras scripts may use: `status` and `duration` for
/// requests, `limit` for memory, `level`, and `line` (the record's first line).
public enum EventNDJSON {
    public static func render(_ events: [LogEvent]) -> [UInt8] {
        var writer = JSONByteWriter(capacity: events.count * 360)
        // By index, so each event is read in place rather than copied (a retain per string).
        events.withUnsafeBufferPointer { events in
            for index in events.indices { append(events[index], to: &writer) }
        }
        return writer.bytes
    }

    public static func append(_ event: borrowing LogEvent, to writer: inout JSONByteWriter) {
        writer.raw("{\"ts\":")
        writer.time(event.time)
        writer.raw(",\"service\":")
        writer.string(event.service)
        writer.raw(",\"host\":")
        writer.optionalString(event.host)
        writer.raw(",\"kind\":")
        writer.string(event.kind.rawValue)
        writer.raw(",\"value\":")
        writer.optionalNumber(event.value)
        writer.raw(",\"unit\":")
        writer.optionalString(event.unit?.rawValue)
        writer.raw(",\"version\":")
        writer.optionalString(event.version)
        writer.raw(",\"pattern\":")
        writer.string(event.patternID)
        writer.raw(",\"ref\":")
        writer.ref(event.ref)
        if let status = event.status {
            writer.raw(",\"status\":")
            writer.integer(Int64(status))
        }
        if let duration = event.duration, event.kind != .latency, event.kind != .gc {
            writer.raw(",\"duration\":")
            writer.number(duration)
        }
        if let limit = event.limit {
            writer.raw(",\"limit\":")
            writer.number(limit)
        }
        if let severity = event.severity {
            writer.raw(",\"level\":")
            writer.string(severity.name)
        }
        writer.raw(",\"line\":")
        writer.string(event.excerpt)
        writer.raw("}\n")
    }
}
