/// A PostgreSQL server log line with `log_line_prefix = '%m [%p] '`: local time,
/// milliseconds and the zone abbreviation, then the backend PID and severity:
///
///     2025-03-12 03:21:07.482 WAT [23817] LOG:  duration: 2345.678 ms  execute <unnamed>: select …
///
/// `ERROR`, `FATAL` and `PANIC` are `error` events; `DETAIL` and `STATEMENT`
/// lines belong to the record before them and are no event of their own.
struct PostgresLine {
    var time: LogInstant
    var offset: UTCOffset
    var pid: Int
    var severity: String
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: .none,
                             separator: UInt8(ascii: " "))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(offset.abbreviation)
        buffer.append(" [")
        buffer.append(pid)
        buffer.append("] ")
        buffer.append(severity)
        buffer.append(":  ")
        buffer.append(message)
    }
}
