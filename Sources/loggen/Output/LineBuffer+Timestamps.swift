/// How an ISO 8601 timestamp shows its offset from UTC.
enum OffsetStyle: Sendable {
    /// No offset: a local time the reader must place with `--tz`.
    case none
    /// `Z` (the offset must be UTC).
    case zulu
    /// `+01:00`, RFC 3339.
    case colon
    /// `+0100`, as nginx, the JVM and journald print it.
    case compact
}

/// The timestamp renderings of the formats loggen writes, each named for where it
/// appears. All of them read the wall clock through `CivilDateTime`.
extension LineBuffer {
    /// `2025-03-12T03:15:02.123+01:00` and its variants: `separator` between date and
    /// time (`T` or space), `fractionDigits` 0–9 (truncated, as loggers do), the
    /// fraction introduced by `fractionSeparator` (`.` or logback's `,`).
    mutating func appendISO8601(
        _ instant: LogInstant, offset: UTCOffset, fractionDigits: Int,
        offsetStyle: OffsetStyle, separator: UInt8 = UInt8(ascii: "T"),
        fractionSeparator: UInt8 = UInt8(ascii: ".")
    ) {
        let civil = CivilDateTime(instant, offset: offset)
        appendDate(civil, separator: UInt8(ascii: "-"))
        append(byte: separator)
        appendClock(civil)
        appendFraction(civil.nanosecond, digits: fractionDigits, separator: fractionSeparator)
        appendOffset(offset, style: offsetStyle)
    }

    /// nginx `$time_local`: `12/Mar/2025:03:15:02 +0100`.
    mutating func appendNginxTimeLocal(_ instant: LogInstant, offset: UTCOffset) {
        let civil = CivilDateTime(instant, offset: offset)
        append(civil.day, zeroPaddedTo: 2)
        append(byte: UInt8(ascii: "/"))
        append(CivilDateTime.monthAbbreviations[civil.month - 1])
        append(byte: UInt8(ascii: "/"))
        append(civil.year)
        append(byte: UInt8(ascii: ":"))
        appendClock(civil)
        append(byte: UInt8(ascii: " "))
        appendOffset(offset, style: .compact)
    }

    /// nginx error log: `2025/03/12 03:15:02` (local, no offset).
    mutating func appendNginxErrorTime(_ instant: LogInstant, offset: UTCOffset) {
        let civil = CivilDateTime(instant, offset: offset)
        appendDate(civil, separator: UInt8(ascii: "/"))
        append(byte: UInt8(ascii: " "))
        appendClock(civil)
    }

    /// RFC 3164 syslog: `Mar 12 03:15:02`, the day padded with a space (`Mar  3`).
    mutating func appendSyslogTime(_ instant: LogInstant, offset: UTCOffset) {
        let civil = CivilDateTime(instant, offset: offset)
        append(CivilDateTime.monthAbbreviations[civil.month - 1])
        append(byte: UInt8(ascii: " "))
        append(civil.day, spacePaddedTo: 2)
        append(byte: UInt8(ascii: " "))
        appendClock(civil)
    }

    /// klog header after the severity letter: `0312 02:15:02.123456` (UTC, no year).
    mutating func appendKlogTime(_ instant: LogInstant) {
        let civil = CivilDateTime(instant, offset: .utc)
        append(civil.month, zeroPaddedTo: 2)
        append(civil.day, zeroPaddedTo: 2)
        append(byte: UInt8(ascii: " "))
        appendClock(civil)
        appendFraction(civil.nanosecond, digits: 6, separator: UInt8(ascii: "."))
    }

    /// C `asctime` as Helm prints `LAST DEPLOYED`: `Tue Jun  3 14:02:11 2025`.
    mutating func appendAsctime(_ instant: LogInstant, offset: UTCOffset) {
        let civil = CivilDateTime(instant, offset: offset)
        append(CivilDateTime.weekdayAbbreviations[civil.weekday])
        append(byte: UInt8(ascii: " "))
        append(CivilDateTime.monthAbbreviations[civil.month - 1])
        append(byte: UInt8(ascii: " "))
        append(civil.day, spacePaddedTo: 2)
        append(byte: UInt8(ascii: " "))
        appendClock(civil)
        append(byte: UInt8(ascii: " "))
        append(civil.year)
    }

    private mutating func appendDate(_ civil: CivilDateTime, separator: UInt8) {
        append(civil.year, zeroPaddedTo: 4)
        append(byte: separator)
        append(civil.month, zeroPaddedTo: 2)
        append(byte: separator)
        append(civil.day, zeroPaddedTo: 2)
    }

    private mutating func appendClock(_ civil: CivilDateTime) {
        append(civil.hour, zeroPaddedTo: 2)
        append(byte: UInt8(ascii: ":"))
        append(civil.minute, zeroPaddedTo: 2)
        append(byte: UInt8(ascii: ":"))
        append(civil.second, zeroPaddedTo: 2)
    }

    private mutating func appendFraction(_ nanosecond: Int, digits: Int, separator: UInt8) {
        guard digits > 0 else { return }
        var divisor = 1
        for _ in digits..<9 { divisor *= 10 }
        append(byte: separator)
        append(nanosecond / divisor, zeroPaddedTo: digits)
    }

    private mutating func appendOffset(_ offset: UTCOffset, style: OffsetStyle) {
        switch style {
        case .none:
            return
        case .zulu:
            precondition(offset.seconds == 0, "a Z timestamp must be in UTC")
            append(byte: UInt8(ascii: "Z"))
        case .colon, .compact:
            append(byte: offset.seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let minutes = abs(offset.seconds) / 60
            append(minutes / 60, zeroPaddedTo: 2)
            if style == .colon { append(byte: UInt8(ascii: ":")) }
            append(minutes % 60, zeroPaddedTo: 2)
        }
    }
}
