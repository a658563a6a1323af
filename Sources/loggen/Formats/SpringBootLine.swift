/// Spring Boot 2's default logback pattern
/// (`%d{yyyy-MM-dd HH:mm:ss.SSS} %5p PID --- [%15.15t] %-40.40logger{39} : %m%n%wEx`),
/// local time without an offset:
///
///     2025-03-12 01:50:07.412  INFO 40213 --- [           main] c.e.auth.AuthApplication                 : Starting AuthApplication v2.3.1 using Java 17.0.10 with PID 40213 (…)
///
/// A throwable follows the message on its own lines (`\tat` frames), as one record.
struct SpringBootLine {
    var time: LogInstant
    var offset: UTCOffset
    var level: String
    var pid: Int
    var thread: String
    var logger: String
    var message: String
    var throwable: String? = nil

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: .none,
                             separator: UInt8(ascii: " "))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(level, paddedTo: 5, rightAligned: true)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(pid)
        buffer.append(" --- [")
        buffer.append(thread, paddedTo: 15, rightAligned: true)
        buffer.append("] ")
        buffer.append(logger, paddedTo: 40)
        buffer.append(" : ")
        buffer.append(message)
        if let throwable {
            buffer.newline()
            buffer.append(throwable)
        }
    }
}
