/// A redis-server log line: `pid:role day month year time.millis level message`,
/// local time without an offset; the role is `M` (master), `S` (replica), `C`
/// (a forked child or start-up) and the level `*` notice, `#` warning, `-`
/// verbose, `.` debug:
///
///     1:M 12 Mar 2025 01:50:00.123 * Background saving started by pid 45
struct RedisLogLine {
    var time: LogInstant
    var offset: UTCOffset
    var pid: Int
    var role: Character
    var level: Character
    var message: String

    func write(to buffer: inout LineBuffer) {
        let civil = CivilDateTime(time, offset: offset)
        buffer.append(pid)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(String(role))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(civil.day, zeroPaddedTo: 2)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(CivilDateTime.monthAbbreviations[civil.month - 1])
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(civil.year)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(civil.hour, zeroPaddedTo: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(civil.minute, zeroPaddedTo: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(civil.second, zeroPaddedTo: 2)
        buffer.append(byte: UInt8(ascii: "."))
        buffer.append(civil.nanosecond / 1_000_000, zeroPaddedTo: 3)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(String(level))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(message)
    }
}
