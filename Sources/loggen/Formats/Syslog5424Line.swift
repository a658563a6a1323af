/// An RFC 5424 line as rsyslog's `RSYSLOG_SyslogProtocol23Format` writes it:
/// priority, version 1, RFC 3339 time with microseconds and offset, host,
/// APP-NAME, PROCID, MSGID `-`, no structured data, the message:
///
///     <14>1 2025-03-12T02:50:00.123456+01:00 auth-01 auth-service 4123 - - Starting auth-service 2.3.1
struct Syslog5424Line {
    var time: LogInstant
    var offset: UTCOffset
    /// facility × 8 + severity: 14 is user.info, 11 user.err.
    var priority: Int
    var host: String
    var appName: String
    var procID: Int?
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.append(byte: UInt8(ascii: "<"))
        buffer.append(priority)
        buffer.append(">1 ")
        buffer.appendISO8601(time, offset: offset, fractionDigits: 6, offsetStyle: offset.seconds == 0 ? .zulu : .colon)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(host)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(appName)
        buffer.append(byte: UInt8(ascii: " "))
        if let procID { buffer.append(procID) } else { buffer.append("-") }
        buffer.append(" - - ")
        buffer.append(message)
    }
}
