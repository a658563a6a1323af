import CulpritModel

/// Clock and date labels for the HTML report, in the reader's zone (`DisplayClock`).
struct ReportClock {
    /// The reader's clock.
    var display: DisplayClock
    /// True when every time on the page falls on one local day: tables then show
    /// only the time of day and the date is said once, in the header.
    var singleDay: Bool

    init(window: (start: Int64, end: Int64)?, display: DisplayClock = .utc) {
        self.display = display
        singleDay = window.map { display.day($0.start) == display.day($0.end) } ?? false
    }

    /// A table cell's time: `01:50 WAT`, or `2025-03-12 01:50 WAT` when the logs span days.
    func cell(_ micros: Int64) -> String {
        singleDay ? display.time(micros) : display.minute(micros)
    }

    /// `Mar 12`: the local date under an axis tick.
    static func shortDate(_ micros: Int64, _ display: DisplayClock) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let civil = CivilTime.civilFromDays(Int(display.day(micros)))
        return months[civil.month - 1] + " " + String(civil.day)
    }

    /// `00:50:12`: a local time of day to the second (an axis with sub-minute ticks).
    static func timeOfDayWithSeconds(_ micros: Int64, _ display: DisplayClock) -> String {
        display.clock(micros) + ":" + DisplayClock.pad(Int(display.secondOfDay(micros) % 60), 2)
    }
}
