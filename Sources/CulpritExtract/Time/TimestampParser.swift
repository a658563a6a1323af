import CulpritModel

/// Hand-written, allocation-free parsing of the timestamp forms logs use.
///
/// Forms: RFC 3339/ISO 8601 with any fraction and offset (`T` or space, `-` or
/// `/` date separators, `,` or `.` fractions, `Z`, `±HH:MM`, `±HHMM`, `UTC`);
/// CLF `12/Mar/2025:03:15:02 +0100`; syslog `Mar 12 03:15:02` with an optional
/// weekday before and year after (`Thu Sep 18 07:42:31 2025`); `12 Mar 2025
/// 03:15:02.123` (Redis, RFC 2822 with an optional `Thu, `); java.util.logging
/// `Apr 7, 2014 8:11:23 PM`; klog `E0312
/// 03:15:02.123456`; and epoch numbers in seconds, ms, µs or ns (JSON fields).
///
/// Times without an offset are read in the `ZoneResolver`'s zone; times without
/// a year take `defaultYear`, moved back a year when that would put them more
/// than a day after `latestPlausible` (a year is never inferred into the future).
package struct TimestampParser {
    package let zone: ZoneResolver
    package let defaultYear: Int
    /// Epoch seconds after which a year-less time is taken to be from the year before.
    package let latestPlausible: Int64

    /// The file's first year-less time (epoch seconds), when known: every later
    /// year-less time is placed in the year that puts it within a month before
    /// and eleven months after it, so a file's time runs forward through a
    /// Dec → Jan rollover and never jumps back a year mid-file.
    package var yearAnchor: Int64?

    package init(zone: ZoneResolver, defaultYear: Int, latestPlausible: Int64, yearAnchor: Int64? = nil) {
        self.zone = zone
        self.defaultYear = defaultYear
        self.latestPlausible = latestPlausible
        self.yearAnchor = yearAnchor
    }

    /// How far before the anchor a year-less time may fall (lines out of order) and how far after it (the file's span).
    static let anchorSlackBefore: Int64 = 31 * 86_400
    static let anchorSpanAfter: Int64 = 335 * 86_400

    // MARK: - Scanning

    /// The first timestamp that starts within the first `window` bytes at a token boundary.
    package func find(in bytes: UnsafeBufferPointer<UInt8>, window: Int = 96) -> ParsedTime? {
        let limit = min(bytes.count, window)
        var index = 0
        while index < limit {
            let byte = bytes[index]
            let atBoundary = index == 0 || !Self.isAlphanumeric(bytes[index - 1])
            if atBoundary, byte &- 48 < 10 || (byte &- 65 < 26) {
                if let found = parse(bytes, at: index) { return found }
            }
            index += 1
        }
        return nil
    }

    /// A timestamp starting exactly at `start`, in any supported text form.
    package func parse(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ParsedTime? {
        guard start < bytes.count else { return nil }
        let first = bytes[start]
        if Self.isDigit(first) {
            return parseISO(bytes, at: start) ?? parseCLF(bytes, at: start) ?? parseDayMonthYear(bytes, at: start)
                ?? parseMonthDayDash(bytes, at: start)
        }
        if first &- 65 < 26 {
            return parseSyslog(bytes, at: start) ?? parseMonthDayCommaYear(bytes, at: start) ?? parseDayMonthYear(bytes, at: start)
        }
        return nil
    }

    // MARK: - Forms

    /// `YYYY-MM-DD[T ]HH:MM:SS[.frac][zone]`, also with `/` in the date.
    func parseISO(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        guard s + 19 <= b.count,
              let year = Self.digits(b, s, 4),
              b[s + 4] == UInt8(ascii: "-") || b[s + 4] == UInt8(ascii: "/"),
              let month = Self.digits(b, s + 5, 2), b[s + 7] == b[s + 4],
              let day = Self.digits(b, s + 8, 2),
              b[s + 10] == UInt8(ascii: "T") || b[s + 10] == UInt8(ascii: " ") || b[s + 10] == UInt8(ascii: "t")
        else { return nil }
        guard let clock = Self.parseClock(b, s + 11) else { return nil }
        guard Self.valid(year: year, month: month, day: day) else { return nil }
        let (micros, afterFraction) = Self.parseFraction(b, clock.end)
        return finishWithZone(b, year: year, month: month, day: day, clock: clock, micros: micros, start: s, end: afterFraction)
    }

    /// CLF: `12/Mar/2025:03:15:02 +0100`.
    func parseCLF(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        guard s + 20 <= b.count, let day = Self.digits(b, s, 2), b[s + 2] == UInt8(ascii: "/"),
              let month = Self.monthNumber(b, s + 3), b[s + 6] == UInt8(ascii: "/"),
              let year = Self.digits(b, s + 7, 4), b[s + 11] == UInt8(ascii: ":"),
              let clock = Self.parseClock(b, s + 12),
              Self.valid(year: year, month: month, day: day)
        else { return nil }
        let (micros, index) = Self.parseFraction(b, clock.end)
        return finishWithZone(b, year: year, month: month, day: day, clock: clock, micros: micros, start: s, end: index)
    }

    /// `[Www ]Mon DD HH:MM:SS[.frac][ YYYY]` (syslog RFC 3164, ctime, `dmesg -T`).
    func parseSyslog(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        var index = s
        if Self.weekdayAt(b, index), index + 4 < b.count, b[index + 3] == UInt8(ascii: " ") {
            index += 4
            while index < b.count, b[index] == UInt8(ascii: " ") { index += 1 }
        }
        guard index + 15 <= b.count, let month = Self.monthNumber(b, index), b[index + 3] == UInt8(ascii: " ") else { return nil }
        index += 4
        if b[index] == UInt8(ascii: " ") { index += 1 }
        guard let day = Self.oneOrTwoDigits(b, &index), index < b.count, b[index] == UInt8(ascii: " "), let clock = Self.parseClock(b, index + 1) else { return nil }
        let (micros, afterFraction) = Self.parseFraction(b, clock.end)
        index = afterFraction
        var year: Int?
        if index + 5 <= b.count, b[index] == UInt8(ascii: " "), let y = Self.digits(b, index + 1, 4),
           index + 5 == b.count || !Self.isDigit(b[index + 5]) {
            year = y
            index += 5
        }
        return finishYearless(year: year, month: month, day: day, clock: clock, micros: micros, start: s, end: index, bytes: b)
    }

    /// `Mon D, YYYY H:MM:SS AM|PM` — java.util.logging's default `SimpleFormatter`
    /// (Tomcat's JULI and every JDK logger): `Apr 7, 2014 8:11:23 PM`, `Dec 01, 2026 8:38:54 PM`.
    func parseMonthDayCommaYear(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        guard s + 20 <= b.count, let month = Self.monthNumber(b, s), b[s + 3] == UInt8(ascii: " ") else { return nil }
        var index = s + 4
        guard let day = Self.oneOrTwoDigits(b, &index), index + 16 <= b.count, b[index] == UInt8(ascii: ","), b[index + 1] == UInt8(ascii: " "),
              let year = Self.digits(b, index + 2, 4), b[index + 6] == UInt8(ascii: " ") else { return nil }
        index += 7
        // The hour has one or two digits.
        guard let hour = Self.oneOrTwoDigits(b, &index), index + 9 <= b.count, b[index] == UInt8(ascii: ":"),
              let minute = Self.digits(b, index + 1, 2), b[index + 3] == UInt8(ascii: ":"),
              let second = Self.digits(b, index + 4, 2), b[index + 6] == UInt8(ascii: " "),
              b[index + 8] | 0x20 == UInt8(ascii: "m"), (1...12).contains(hour), minute < 60, second <= 60,
              Self.valid(year: year, month: month, day: day) else { return nil }
        let meridiem = b[index + 7] | 0x20
        guard meridiem == UInt8(ascii: "a") || meridiem == UInt8(ascii: "p") else { return nil }
        let hour24 = hour % 12 + (meridiem == UInt8(ascii: "p") ? 12 : 0)
        let clock = Clock(hour: hour24, minute: minute, second: min(second, 59), end: index + 9)
        return finishWithZone(b, year: year, month: month, day: day, clock: clock, micros: 0, start: s, end: index + 9)
    }

    /// `[Www, ]DD Mon YYYY HH:MM:SS[.frac][ zone]` (Redis, RFC 2822).
    func parseDayMonthYear(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        var index = s
        if Self.weekdayAt(b, index), index + 5 < b.count, b[index + 3] == UInt8(ascii: ",") {
            index += 5
        }
        guard let day = Self.oneOrTwoDigits(b, &index), index + 18 <= b.count, b[index] == UInt8(ascii: " "),
              let month = Self.monthNumber(b, index + 1), b[index + 4] == UInt8(ascii: " "),
              let year = Self.digits(b, index + 5, 4), b[index + 9] == UInt8(ascii: " "),
              let clock = Self.parseClock(b, index + 10),
              Self.valid(year: year, month: month, day: day)
        else { return nil }
        let (micros, afterFraction) = Self.parseFraction(b, clock.end)
        return finishWithZone(b, year: year, month: month, day: day, clock: clock, micros: micros, start: s, end: afterFraction)
    }

    /// A date and time read, then an optional zone after `end`: UTC from the zone
    /// when there is one, else from the `--tz` zone.
    private func finishWithZone(_ b: UnsafeBufferPointer<UInt8>, year: Int, month: Int, day: Int, clock: Clock, micros: Int64,
                                start: Int, end: Int) -> ParsedTime {
        let local = CivilTime.epochSeconds(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second)
        if let (offset, zoneEnd) = Self.parseZone(b, end) {
            return ParsedTime(micros: (local - offset) * 1_000_000 + micros, start: start, end: zoneEnd)
        }
        return ParsedTime(micros: zone.utcSeconds(fromLocal: local) * 1_000_000 + micros, start: start, end: end)
    }

    /// Android logcat's `MM-DD HH:MM:SS[.mmm]` (its `threadtime` and `time` formats), year-less.
    func parseMonthDayDash(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        guard s + 14 <= b.count, b[s + 2] == UInt8(ascii: "-"), b[s + 5] == UInt8(ascii: " "),
              let month = Self.digits(b, s, 2), let day = Self.digits(b, s + 3, 2),
              let clock = Self.parseClock(b, s + 6) else { return nil }
        let (micros, end) = Self.parseFraction(b, clock.end)
        return finishYearless(year: nil, month: month, day: day, clock: clock, micros: micros, start: s, end: end, bytes: b)
    }

    /// klog's header time `MMDD HH:MM:SS.uuuuuu`, starting after the level letter.
    package func parseKlog(_ b: UnsafeBufferPointer<UInt8>, at s: Int) -> ParsedTime? {
        guard s + 13 <= b.count, let month = Self.digits(b, s, 2), let day = Self.digits(b, s + 2, 2),
              b[s + 4] == UInt8(ascii: " "), let clock = Self.parseClock(b, s + 5) else { return nil }
        let (micros, end) = Self.parseFraction(b, clock.end)
        return finishYearless(year: nil, month: month, day: day, clock: clock, micros: micros, start: s, end: end, bytes: b)
    }

    private func finishYearless(
        year: Int?, month: Int, day: Int, clock: Clock, micros: Int64, start: Int, end: Int,
        bytes: UnsafeBufferPointer<UInt8>
    ) -> ParsedTime? {
        var chosenYear = year ?? defaultYear
        guard Self.valid(year: chosenYear, month: month, day: day == 29 && month == 2 ? 28 : day) else { return nil }
        func utcSeconds(_ year: Int) -> Int64 {
            zone.utcSeconds(fromLocal: CivilTime.epochSeconds(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second))
        }
        var utc = utcSeconds(chosenYear)
        if year == nil, let anchor = yearAnchor {
            let anchorDay = anchor >= 0 ? anchor / 86_400 : (anchor - 86_399) / 86_400
            chosenYear = CivilTime.civilFromDays(Int(anchorDay)).year
            utc = utcSeconds(chosenYear)
            if utc < anchor - Self.anchorSlackBefore { chosenYear += 1; utc = utcSeconds(chosenYear) }
            else if utc > anchor + Self.anchorSpanAfter { chosenYear -= 1; utc = utcSeconds(chosenYear) }
        } else if year == nil, utc > latestPlausible + 86_400 {
            chosenYear -= 1
            utc = utcSeconds(chosenYear)
        }
        return ParsedTime(micros: utc * 1_000_000 + micros, start: start, end: end, yearInferred: year == nil)
    }

    // MARK: - Epoch numbers

    /// An epoch number whose unit is told by its magnitude: seconds below 10^11,
    /// milliseconds below 10^14, microseconds below 10^17, nanoseconds above.
    package static func micros(fromEpoch number: Double) -> Int64? {
        guard number.isFinite, number > 0 else { return nil }
        switch number {
        case ..<1e11: return Int64((number * 1e6).rounded())
        case ..<1e14: return Int64((number * 1e3).rounded())
        case ..<1e17: return Int64(number.rounded())
        case ..<1e20: return Int64((number / 1e3).rounded())
        default: return nil
        }
    }

    /// Epoch digits given as text (`"1741745702123456"`), exact for µs and ns.
    package static func micros(fromEpochDigits b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var integer: Int64 = 0
        var count = 0
        var index = 0
        while index < b.count, isDigit(b[index]), count < 20 {
            // 19 digits of nanoseconds fit an Int64 until 2262; more is no epoch time.
            let (scaled, overflow1) = integer.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = scaled.addingReportingOverflow(Int64(b[index] - 48))
            guard !overflow1, !overflow2 else { return nil }
            integer = next; index += 1; count += 1
        }
        guard count >= 9 else { return nil }
        if index < b.count, b[index] == UInt8(ascii: ".") {
            guard count <= 11 else { return nil }
            let (fraction, _) = parseFraction(b, index)
            return integer * 1_000_000 + fraction
        }
        guard index == b.count else { return nil }
        switch count {
        case ...11: return integer * 1_000_000
        case 12...14: return integer * 1_000
        case 15...17: return integer
        default: return integer / 1_000
        }
    }

    // MARK: - Pieces

    struct Clock { var hour: Int, minute: Int, second: Int, end: Int }

    /// One or two digits at `index` (a day or an hour written without a leading
    /// zero), moving `index` past them; nil when there is no digit.
    @inline(__always)
    static func oneOrTwoDigits(_ b: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        var value = 0
        var count = 0
        while index < b.count, isDigit(b[index]), count < 2 {
            value = value * 10 + Int(b[index] - 48); index += 1; count += 1
        }
        return count > 0 ? value : nil
    }

    @inline(__always)
    static func parseClock(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> Clock? {
        guard s + 8 <= b.count, let hour = digits(b, s, 2), b[s + 2] == UInt8(ascii: ":"),
              let minute = digits(b, s + 3, 2), b[s + 5] == UInt8(ascii: ":"),
              let second = digits(b, s + 6, 2),
              hour < 24, minute < 60, second <= 60 else { return nil }
        return Clock(hour: hour, minute: minute, second: min(second, 59), end: s + 8)
    }

    /// `.123456789` or `,123`: microseconds (extra digits truncated) and the end index.
    @inline(__always)
    static func parseFraction(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> (Int64, Int) {
        guard s + 1 < b.count, b[s] == UInt8(ascii: ".") || b[s] == UInt8(ascii: ","), isDigit(b[s + 1]) else { return (0, s) }
        var index = s + 1
        var value: Int64 = 0
        var digits = 0
        while index < b.count, isDigit(b[index]) {
            if digits < 6 { value = value * 10 + Int64(b[index] - 48); digits += 1 }
            index += 1
        }
        while digits < 6 { value *= 10; digits += 1 }
        return (value, index)
    }

    /// A zone after the time: `Z`, `±HH:MM`, `±HHMM`, `±HH`, or ` UTC`/` GMT`/` Z`
    /// and ` ±HHMM` after a space. Returns the offset in seconds east of UTC.
    @inline(__always)
    static func parseZone(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> (Int64, Int)? {
        guard s < b.count else { return nil }
        var index = s
        let byte = b[index]
        if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
            if index + 1 < b.count, isAlphanumeric(b[index + 1]) { return nil }
            return (0, index + 1)
        }
        if byte == UInt8(ascii: " ") {
            guard index + 1 < b.count else { return nil }
            let next = b[index + 1]
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                index += 1
            } else if index + 4 <= b.count,
                      (next == UInt8(ascii: "U") && b[index + 2] == UInt8(ascii: "T") && b[index + 3] == UInt8(ascii: "C"))
                        || (next == UInt8(ascii: "G") && b[index + 2] == UInt8(ascii: "M") && b[index + 3] == UInt8(ascii: "T")),
                      index + 4 == b.count || !isAlphanumeric(b[index + 4]) {
                return (0, index + 4)
            } else {
                return nil
            }
        }
        let sign = b[index]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let hours = digits(b, index + 1, 2) else { return nil }
        index += 3
        var minutes = 0
        if index < b.count, b[index] == UInt8(ascii: ":") {
            guard let m = digits(b, index + 1, 2) else { return nil }
            minutes = m; index += 3
        } else if let m = digits(b, index, 2) {
            minutes = m; index += 2
        }
        guard hours <= 14, minutes < 60 else { return nil }
        let offset = Int64(hours * 3600 + minutes * 60)
        return (sign == UInt8(ascii: "-") ? -offset : offset, index)
    }

    @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ count: Int) -> Int? {
        guard s >= 0, s + count <= b.count else { return nil }
        var value = 0
        for index in s..<(s + count) {
            let digit = b[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || (byte | 0x20) &- 97 < 26
    }

    @inline(__always)
    static func valid(year: Int, month: Int, day: Int) -> Bool {
        year >= 1970 && year < 2200 && month >= 1 && month <= 12 && day >= 1 && day <= CivilTime.daysInMonth(year: year, month: month)
    }

    /// Three-letter English month name (any case) at `s`, as 1…12.
    @inline(__always)
    static func monthNumber(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> Int? {
        guard s + 3 <= b.count else { return nil }
        let key = (UInt32(b[s] | 0x20) << 16) | (UInt32(b[s + 1] | 0x20) << 8) | UInt32(b[s + 2] | 0x20)
        switch key {
        case 0x6A616E: return 1   // jan
        case 0x666562: return 2   // feb
        case 0x6D6172: return 3   // mar
        case 0x617072: return 4   // apr
        case 0x6D6179: return 5   // may
        case 0x6A756E: return 6   // jun
        case 0x6A756C: return 7   // jul
        case 0x617567: return 8   // aug
        case 0x736570: return 9   // sep
        case 0x6F6374: return 10  // oct
        case 0x6E6F76: return 11  // nov
        case 0x646563: return 12  // dec
        default: return nil
        }
    }

    @inline(__always)
    static func weekdayAt(_ b: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
        guard s + 3 <= b.count else { return false }
        let key = (UInt32(b[s] | 0x20) << 16) | (UInt32(b[s + 1] | 0x20) << 8) | UInt32(b[s + 2] | 0x20)
        switch key {
        case 0x6D6F6E, 0x747565, 0x776564, 0x746875, 0x667269, 0x736174, 0x73756E: return true
        default: return false
        }
    }
}
