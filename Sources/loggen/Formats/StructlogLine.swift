/// A Python structlog `JSONRenderer` line: `json.dumps` separators (`", "`,
/// `": "`), the call's fields first, then the processors' `event`, `level`,
/// `logger` and `timestamp` (ISO 8601 UTC with microseconds) at the end:
///
///     {"method": "POST", "path": "/v1/charges", "status": 201, "pod": "payments-6d9f8b7c5-4kq2m", "event": "request", "level": "info", "logger": "payments.access", "timestamp": "2025-06-03T13:00:04.512345Z"}
struct StructlogLine {
    var time: LogInstant
    var level: String
    var logger: String
    var event: String

    /// Writes the line; `fields` appends the call's pairs (with `spaced: true`).
    func write(to buffer: inout LineBuffer, fields: (inout LineBuffer) -> Void = { _ in }) {
        buffer.append(byte: UInt8(ascii: "{"))
        fields(&buffer)
        buffer.appendJSONField("event", event, spaced: true)
        buffer.appendJSONField("level", level, spaced: true)
        buffer.appendJSONField("logger", logger, spaced: true)
        buffer.appendJSONKey("timestamp", spaced: true)
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 6, offsetStyle: .zulu)
        buffer.append("\"}")
    }
}
