import CulpritModel

/// `culprit extract --format ndjson`: one event per line with the contract's
/// fields (`ts`, `service`, `host`, `kind`, `value`, `unit`, `version`,
/// `pattern`, `ref`), then extras scripts may use: `status` and `duration` for
/// requests, `limit` for memory, `level`, and `line` (the record's first line);
/// `time_quality` (`estimated`/`unknown`) right after `ts` when the record's own
/// line had no time; `dependency` when an error is about another system.
public enum EventNDJSON {
    /// The events' NDJSON in a writer, for a sink to write out without copying it.
    public static func render(_ events: [LogEvent]) -> JSONByteWriter {
        // Sized from the events' text, so the buffer is rarely grown (and copied) on the way.
        var estimate = 0
        for index in events.indices {
            estimate += events[index].excerpt.utf8.count + events[index].ref.path.utf8.count + 240
        }
        let writer = JSONByteWriter(capacity: estimate)
        // Through a pointer, so each event is read in place rather than copied (a retain per string).
        events.withUnsafeBufferPointer { events in
            guard let first = events.baseAddress else { return }
            for index in events.indices { append(first + index, to: writer) }
        }
        return writer
    }

    /// Appends `event` to `writer` as one NDJSON line.
    public static func append(_ event: LogEvent, to writer: JSONByteWriter) {
        withUnsafePointer(to: event) { append($0, to: writer) }
    }

    @inline(__always)
    static func append(_ event: UnsafePointer<LogEvent>, to writer: JSONByteWriter) {
        writer.raw("{\"ts\":")
        writer.time(event.pointee.time)
        if event.pointee.timeQuality != .exact {
            // Only when the record's own line had no time: `estimated` (from the
            // dated line before it) or `unknown` (`ts` is null).
            writer.raw(",\"time_quality\":")
            writer.string(event.pointee.timeQuality.rawValue)
        }
        writer.raw(",\"service\":")
        writer.string(event.pointee.service)
        writer.raw(",\"host\":")
        writer.optionalString(event.pointee.host)
        writer.raw(",\"kind\":")
        writer.string(event.pointee.kind.rawValue)
        writer.raw(",\"value\":")
        writer.optionalNumber(event.pointee.value)
        writer.raw(",\"unit\":")
        writer.optionalString(event.pointee.unit?.rawValue)
        writer.raw(",\"version\":")
        writer.optionalString(event.pointee.version)
        writer.raw(",\"pattern\":")
        writer.string(event.pointee.patternID)
        writer.raw(",\"ref\":")
        writer.ref(event.pointee.ref)
        if let status = event.pointee.status {
            writer.raw(",\"status\":")
            writer.integer(Int64(status))
        }
        if let duration = event.pointee.duration, event.pointee.kind != .latency, event.pointee.kind != .gc {
            writer.raw(",\"duration\":")
            writer.number(duration)
        }
        if let limit = event.pointee.limit {
            writer.raw(",\"limit\":")
            writer.number(limit)
        }
        if let dependency = event.pointee.dependency {
            writer.raw(",\"dependency\":")
            writer.string(dependency)
        }
        if let severity = event.pointee.severity {
            writer.raw(",\"level\":")
            writer.string(severity.name)
        }
        writer.raw(",\"line\":")
        writer.string(event.pointee.excerpt)
        writer.raw("}\n")
    }
}
