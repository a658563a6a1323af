/// A pino (Node.js) JSON line: numeric `level` (30 info, 40 warn, 50 error, 60
/// fatal), epoch-millisecond `time`, `pid`, `hostname`, extra fields, then `msg`:
///
///     {"level":30,"time":1744106531123,"pid":1,"hostname":"checkout-5c8f7b9d4-tq6wz","memory":{"rss":188743680},"msg":"process stats"}
///
/// Levels 50 and above are `error` events.
struct PinoLine {
    var level: Int
    var time: LogInstant
    var pid: Int
    var hostname: String
    var message: String

    /// Writes the line; `fields` appends extra key/value pairs (via `appendJSONKey`)
    /// before `msg`, where pino puts bound and call-site fields.
    func write(to buffer: inout LineBuffer, fields: (inout LineBuffer) -> Void = { _ in }) {
        buffer.append("{\"level\":")
        buffer.append(level)
        buffer.append(",\"time\":")
        buffer.append(Int(time.epochMilliseconds))
        buffer.appendJSONField("pid", pid)
        buffer.appendJSONField("hostname", hostname)
        fields(&buffer)
        buffer.appendJSONField("msg", message)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
