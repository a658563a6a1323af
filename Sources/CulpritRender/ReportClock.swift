import CulpritModel

/// UTC clock and date labels for the HTML report, from `CivilTime` (no
/// Foundation formatters: they are slow and their output depends on the locale).
struct ReportClock {
    /// True when every time on the page falls on one UTC day: tables then show
    /// only the time of day and the date is said once, in the header.
    var singleDay: Bool

    init(window: (start: Int64, end: Int64)?) {
        singleDay = window.map { Self.day($0.start) == Self.day($0.end) } ?? false
    }

    /// A table cell's time: `00:50:12`, or `2025-03-12 00:50:12` when the logs span days.
    func cell(_ micros: Int64) -> String {
        singleDay ? Self.timeOfDay(micros, seconds: true) : Self.date(micros) + " " + Self.timeOfDay(micros, seconds: true)
    }

    /// `2025-03-12 00:50`.
    static func minute(_ micros: Int64) -> String {
        date(micros) + " " + timeOfDay(micros, seconds: false)
    }

    /// `2025-03-12`.
    static func date(_ micros: Int64) -> String {
        let civil = CivilTime.civilFromDays(Int(day(micros)))
        return pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2)
    }

    /// `Mar 12`: the date under an axis tick.
    static func shortDate(_ micros: Int64) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let civil = CivilTime.civilFromDays(Int(day(micros)))
        return months[civil.month - 1] + " " + String(civil.day)
    }

    /// `00:50` or `00:50:12`.
    static func timeOfDay(_ micros: Int64, seconds: Bool) -> String {
        let second = secondOfDay(micros)
        let clock = pad(Int(second / 3600), 2) + ":" + pad(Int(second % 3600 / 60), 2)
        return seconds ? clock + ":" + pad(Int(second % 60), 2) : clock
    }

    /// Days since the epoch, rounding towards the past.
    static func day(_ micros: Int64) -> Int64 {
        let seconds = floorDivide(micros, 1_000_000)
        return floorDivide(seconds, 86_400)
    }

    static func secondOfDay(_ micros: Int64) -> Int64 {
        floorDivide(micros, 1_000_000) - day(micros) * 86_400
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
