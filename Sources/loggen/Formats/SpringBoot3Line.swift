/// Spring Boot 3.2+'s default console pattern: ISO 8601 time with an offset
/// (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, so `Z` in UTC), the level, PID, the
/// application name in brackets, the thread and the logger:
///
///     2025-03-12T01:50:07.412Z  INFO 1 --- [auth-service] [           main] c.e.auth.AuthApplication                 : Starting AuthApplication v2.3.1 using Java 21.0.2 with PID 1 (/app/app.jar started by app in /app)
struct SpringBoot3Line {
    var time: LogInstant
    var offset: UTCOffset
    var level: String
    var pid: Int
    var application: String
    var thread: String
    var logger: String
    var message: String
    var throwable: String? = nil

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 3, offsetStyle: offset.seconds == 0 ? .zulu : .colon)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(level, paddedTo: 5, rightAligned: true)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(pid)
        buffer.append(" --- [")
        buffer.append(application)
        buffer.append("] [")
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
