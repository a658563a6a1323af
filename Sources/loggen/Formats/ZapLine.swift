/// A line of Go zap's production JSON encoder: `level`, `ts` as epoch seconds
/// (a float64 printed with Go's shortest `'f'` form), `caller`, `msg`, the call's
/// fields, and `stacktrace` at error level:
///
///     {"level":"info","ts":1741744207.4123456,"caller":"server/http.go:88","msg":"request completed","method":"GET","path":"/v1/orders","status":200,"duration":0.0123}
struct ZapLine {
    var level: String
    var time: LogInstant
    var caller: String
    var message: String

    /// Writes the line; `fields` appends the call's pairs (via `appendJSONKey`).
    func write(to buffer: inout LineBuffer, fields: (inout LineBuffer) -> Void = { _ in }) {
        buffer.append("{\"level\":")
        buffer.appendJSONString(level)
        buffer.append(",\"ts\":")
        let seconds = time.nanoseconds / 1_000_000_000
        var fraction = Int(time.nanoseconds % 1_000_000_000) / 100
        buffer.append(Int(seconds))
        if fraction > 0 {
            var digits = 7
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            buffer.append(byte: UInt8(ascii: "."))
            buffer.append(fraction, zeroPaddedTo: digits)
        }
        buffer.appendJSONField("caller", caller)
        buffer.appendJSONField("msg", message)
        fields(&buffer)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
