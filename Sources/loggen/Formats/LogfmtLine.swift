/// A go-kit style logfmt line: `ts` (RFC 3339 UTC, microseconds), `caller`,
/// `level`, `msg`, then the call's own pairs:
///
///     ts=2025-05-20T08:00:12.345678Z caller=stats.go:41 level=info msg="runtime stats" heap_bytes=325058560 goroutines=48
///
/// `level=error` is an `error` event.
struct LogfmtLine {
    var time: LogInstant
    var caller: String
    var level: String
    var message: String

    /// Writes the line; `pairs` appends ` key=value` pairs (see `appendLogfmtPair`).
    func write(to buffer: inout LineBuffer, pairs: (inout LineBuffer) -> Void = { _ in }) {
        buffer.append("ts=")
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 6, offsetStyle: .zulu)
        buffer.append(" caller=")
        buffer.append(caller)
        buffer.append(" level=")
        buffer.append(level)
        buffer.appendLogfmtPair("msg", message)
        pairs(&buffer)
    }
}

extension LineBuffer {
    /// ` key=value`, the value quoted when it contains a space, `=` or a quote.
    mutating func appendLogfmtPair(_ key: String, _ value: String) {
        append(byte: UInt8(ascii: " "))
        append(key)
        append(byte: UInt8(ascii: "="))
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 == 0x20 || $0 == 0x3d || $0 == 0x22 }
        if needsQuotes {
            appendJSONString(value)
        } else {
            append(value)
        }
    }

    /// ` key=123`.
    mutating func appendLogfmtPair(_ key: String, _ value: Int) {
        append(byte: UInt8(ascii: " "))
        append(key)
        append(byte: UInt8(ascii: "="))
        append(value)
    }
}
