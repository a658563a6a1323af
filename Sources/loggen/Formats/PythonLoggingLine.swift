/// Python's `logging` with a common format
/// (`%(asctime)s %(levelname)s [%(name)s] %(message)s`), asctime's default form
/// in UTC:
///
///     2025-07-15 10:10:07,412 WARNING [catalog.pricing] price feed for eu-west-1 is 74s stale, serving cached prices
struct PythonLoggingLine {
    var time: LogInstant
    var level: String
    var logger: String
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 3, offsetStyle: .none, separator: UInt8(ascii: " "),
                             fractionSeparator: UInt8(ascii: ","))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(level)
        buffer.append(" [")
        buffer.append(logger)
        buffer.append("] ")
        buffer.append(message)
    }
}
