/// A logback pattern with an ISO 8601 date and comma millis
/// (`%d{ISO8601} %level [%-25.25thread] %-25logger{0}: %msg%n`), in UTC without
/// an offset:
///
///     2025-06-10T14:00:15,412 INFO [main                     ] LedgerApplication        : Starting LedgerApplication v5.2.0 using Java 17.0.11 with PID 1 (…)
struct LogbackISOLine {
    var time: LogInstant
    var offset: UTCOffset = .utc
    var level: String
    var thread: String
    var logger: String
    var message: String
    var throwable: String? = nil

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: .none,
                             fractionSeparator: UInt8(ascii: ","))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(level)
        buffer.append(" [")
        buffer.append(thread, paddedTo: 25)
        buffer.append("] ")
        buffer.append(logger, paddedTo: 25)
        buffer.append(": ")
        buffer.append(message)
        if let throwable {
            buffer.newline()
            buffer.append(throwable)
        }
    }
}
