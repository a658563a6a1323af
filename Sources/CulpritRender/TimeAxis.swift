/// A chart's horizontal axis: a UTC time domain and round clock ticks.
///
/// Every chart of a report shares one domain (the analysed window) so that
/// charts stacked on the page line up and show which service went first.
struct TimeAxis {
    /// Microseconds since the epoch, UTC; `end > start`.
    var start: Int64
    var end: Int64
    /// Tick times, multiples of the step (so on round UTC clock times).
    var ticks: [Int64]
    var stepSeconds: Int64

    /// The narrowest domain shown: a single sample sits in the middle of ten minutes.
    static let minimumSpan: Int64 = 10 * 60_000_000
    /// Tick steps tried in order, seconds.
    /// Up to decades, for logs with a stray timestamp far from the rest.
    static let steps: [Int64] = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
                                 86400, 172_800, 604_800, 2_592_000, 7_776_000, 31_536_000, 157_680_000, 315_360_000,
                                 1_576_800_000, 3_153_600_000]

    /// An axis over `start…end` (widened to `minimumSpan`) with at most one tick per `minimumTickSpacing` points of `width`.
    init(start: Int64, end: Int64, width: Double, minimumTickSpacing: Double = 90) {
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
        var tick = (ReportClock.floorDivide(start, stepMicros) + 1) * stepMicros
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
        if stepSeconds >= 2_592_000 { return ReportClock.date(tick) }
        if stepSeconds >= 86400 { return ReportClock.shortDate(tick) }
        return ReportClock.timeOfDay(tick, seconds: stepSeconds < 60)
    }

    /// The date to print under a tick: under the first tick and wherever the day changes.
    func dateLabel(at index: Int) -> String? {
        guard stepSeconds < 86400, ticks.indices.contains(index) else { return nil }
        if index == 0 || ReportClock.day(ticks[index]) != ReportClock.day(ticks[index - 1]) {
            return ReportClock.shortDate(ticks[index])
        }
        return nil
    }
}
