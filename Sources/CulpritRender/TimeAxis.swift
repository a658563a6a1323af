/// A chart's horizontal axis: a time domain and ticks on round clock times of the reader's zone.
///
/// Every chart of a report shares one domain (the analysed window) so that
/// charts stacked on the page line up and show which service went first.
struct TimeAxis {
    /// Microseconds since the epoch, UTC; `end > start`.
    var start: Int64
    var end: Int64
    /// Tick times, multiples of the step in local time (so on round clock times of the reader's zone).
    var ticks: [Int64]
    var stepSeconds: Int64
    /// The reader's clock, which labels the ticks.
    var clock: DisplayClock

    /// The narrowest domain shown: a single sample sits in the middle of ten minutes.
    static let minimumSpan: Int64 = 10 * 60_000_000
    /// Tick steps tried in order, seconds.
    /// Up to decades, for logs with a stray timestamp far from the rest.
    static let steps: [Int64] = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
                                 86400, 172_800, 604_800, 2_592_000, 7_776_000, 31_536_000, 157_680_000, 315_360_000,
                                 1_576_800_000, 3_153_600_000]

    /// An axis over `start…end` (widened to `minimumSpan`) with at most one tick per `minimumTickSpacing` points of `width`.
    init(start: Int64, end: Int64, width: Double, minimumTickSpacing: Double = 90, clock: DisplayClock = .utc) {
        self.clock = clock
        var (start, end) = start <= end ? (start, end) : (end, start)
        if end - start < Self.minimumSpan {
            let pad = (Self.minimumSpan - (end - start)) / 2
            start -= pad
            end = start + Self.minimumSpan
        }
        self.start = start
        self.end = end
        let span = Double(end - start) / 1_000_000
        let maximumTicks = Swift.max(2, width / minimumTickSpacing)
        let step = Self.steps.first { span / Double($0) <= maximumTicks } ?? Self.steps.last!
        stepSeconds = step
        let stepMicros = step * 1_000_000
        // Round in local time: the offset at the start (a daylight-saving change inside the chart moves later ticks by its hour).
        let offset = Int64(clock.offsetSeconds(start)) * 1_000_000
        var tick = (DisplayClock.floorDivide(start + offset, stepMicros) + 1) * stepMicros - offset
        if tick - stepMicros == start { tick = start }
        var ticks = [Int64]()
        while tick <= end {
            ticks.append(tick)
            tick += stepMicros
        }
        self.ticks = ticks
    }

    /// The fraction of the domain at `time`, 0 at `start` and 1 at `end`.
    func fraction(_ time: Int64) -> Double {
        Double(time - start) / Double(end - start)
    }

    func contains(_ time: Int64) -> Bool { time >= start && time <= end }

    /// The clock label of a tick (`03:15`, or `03:15:30` for sub-minute steps,
    /// `Mar 12` for day steps, `2025-03-12` for month steps and longer).
    func clockLabel(_ tick: Int64) -> String {
        if stepSeconds >= 2_592_000 { return clock.date(tick) }
        if stepSeconds >= 86400 { return ReportClock.shortDate(tick, clock) }
        return stepSeconds < 60 ? ReportClock.timeOfDayWithSeconds(tick, clock) : clock.clock(tick)
    }

    /// The date to print under a tick: under the first tick and wherever the day changes.
    func dateLabel(at index: Int) -> String? {
        guard stepSeconds < 86400, ticks.indices.contains(index) else { return nil }
        if index == 0 || clock.day(ticks[index]) != clock.day(ticks[index - 1]) {
            return ReportClock.shortDate(ticks[index], clock)
        }
        return nil
    }
}
