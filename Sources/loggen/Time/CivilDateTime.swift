/// A wall-clock date and time, broken down from a `LogInstant` in a given offset.
///
/// Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms on the proleptic Gregorian calendar, so no Foundation calendar or
/// `DateFormatter` is involved and the output is the same on every platform.
struct CivilDateTime: Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var nanosecond: Int
    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int
    /// The offset the fields are expressed in.
    var offset: UTCOffset

    /// English month abbreviations as logs print them (`Mar`).
    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// English weekday abbreviations, Sunday first (`Tue`).
    static let weekdayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `instant` as read on a clock `offset` away from UTC.
    init(_ instant: LogInstant, offset: UTCOffset) {
        let shifted = instant.nanoseconds + Int64(offset.seconds) * 1_000_000_000
        let (secondsSinceEpoch, nanos) = shifted.quotientAndRemainderFlooring(dividingBy: 1_000_000_000)
        let (days, secondOfDay) = secondsSinceEpoch.quotientAndRemainderFlooring(dividingBy: 86_400)
        let date = CivilDateTime.civilFromDays(Int(days))
        year = date.year
        month = date.month
        day = date.day
        hour = Int(secondOfDay / 3_600)
        minute = Int(secondOfDay % 3_600 / 60)
        second = Int(secondOfDay % 60)
        nanosecond = Int(nanos)
        weekday = Int((days + 4).quotientAndRemainderFlooring(dividingBy: 7).remainder)
        self.offset = offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder.
    fileprivate func quotientAndRemainderFlooring(dividingBy divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var (q, r) = quotientAndRemainder(dividingBy: divisor)
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}
