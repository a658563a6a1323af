/// A traditional RFC 3164 line as rsyslog writes `/var/log/syslog`: local time,
/// no year, no offset:
///
///     Mar 12 04:22:41 auth-01 kernel: [87321.402113] Out of memory: Killed process 40213 (java) …
struct SyslogLine {
    var time: LogInstant
    var offset: UTCOffset
    var host: String
    /// The program tag, with its PID when it has one: `systemd[1]`, `kernel`.
    var tag: String
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendSyslogTime(time, offset: offset)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(host)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(tag)
        buffer.append(": ")
        buffer.append(message)
    }
}
