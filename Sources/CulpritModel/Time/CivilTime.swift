/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation,
/// so the per-line hot path never allocates or locks. The date arithmetic is
/// `@inlinable`: `CulpritExtract`'s timestamp parser calls it for every line,
/// and a call across modules could not be inlined otherwise.
public enum CivilTime {
    /// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
    @inlinable @inline(__always)
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    @inlinable
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in `month` of `year`.
    @inlinable @inline(__always)
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Seconds since the epoch for a civil date and time read as UTC.
    @inlinable @inline(__always)
    public static func epochSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Formats microseconds since the epoch as RFC 3339 UTC (`2025-03-12T02:15:02.123Z`),
    /// with a fraction only when there is one (milliseconds, or microseconds when needed).
    public static func rfc3339(_ micros: Int64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(27)
        appendRFC3339(micros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2025-03-12 00:50:00`: a UTC instant for people (tables, postmortems), to the second.
    public static func displayUTC(_ micros: Int64) -> String {
        let full = rfc3339(micros)
        var text = String(full.prefix(19))
        if let t = text.firstIndex(of: "T") { text.replaceSubrange(t...t, with: " ") }
        return text
    }

    /// Appends the RFC 3339 form of `micros` to a byte buffer.
    public static func appendRFC3339(_ micros: Int64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { text in
            let length = writeRFC3339(micros, to: text.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<length]))
        }
    }

    /// Writes the RFC 3339 form of `micros` at `text` (room for 40 bytes) and
    /// returns its length: the NDJSON hot path formats in place.
    @inline(__always)
    package static func writeRFC3339(_ micros: Int64, to text: UnsafeMutablePointer<UInt8>) -> Int {
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let date = civilFromDays(Int(days))
        var length = 0
        func put(_ byte: UInt8) { text[length] = byte; length += 1 }
        func two(_ value: Int) {
            put(UInt8(truncatingIfNeeded: 48 + value / 10))
            put(UInt8(truncatingIfNeeded: 48 + value % 10))
        }
        let year = date.year
        if year >= 0, year <= 9999 {
            two(year / 100)
            two(year % 100)
        } else {
            // Outside four digits (never in real logs): the plain integer.
            for byte in String(year).utf8 { put(byte) }
        }
        put(UInt8(ascii: "-")); two(date.month)
        put(UInt8(ascii: "-")); two(date.day)
        put(UInt8(ascii: "T")); two(Int(secondOfDay / 3600))
        put(UInt8(ascii: ":")); two(Int(secondOfDay % 3600 / 60))
        put(UInt8(ascii: ":")); two(Int(secondOfDay % 60))
        if fraction != 0 {
            put(UInt8(ascii: "."))
            var digits = fraction % 1000 == 0 ? 3 : 6
            var value = digits == 3 ? fraction / 1000 : fraction
            length += digits
            var cursor = length
            while digits > 0 {
                digits -= 1
                cursor -= 1
                text[cursor] = UInt8(truncatingIfNeeded: 48 + value % 10)
                value /= 10
            }
        }
        put(UInt8(ascii: "Z"))
        return length
    }
}
