/// Walks a time window in random steps whose mean follows a rate: the arrival
/// times of requests, log records or gauge readings.
///
/// Gaps are uniform on [0.1, 1.9] × the mean gap (a mean of 60 / rate seconds):
/// irregular like real traffic, yet needing no logarithm, so every platform draws
/// the same times.
struct ArrivalClock {
    private var next: LogInstant
    private let end: LogInstant
    private let perMinute: RateSchedule

    /// Arrivals from `start` until `end` at `perMinute` events a minute.
    init(from start: LogInstant, to end: LogInstant, perMinute: RateSchedule) {
        self.next = start
        self.end = end
        self.perMinute = perMinute
    }

    /// The next arrival, or nil past the end of the window.
    mutating func nextArrival(using random: inout SplitMix64) -> LogInstant? {
        let rate = max(perMinute.value(at: next), 0.01)
        next = next.adding(seconds: 60 / rate * random.double(in: 0.1...1.9))
        return next < end ? next : nil
    }

    /// Every arrival in the window.
    static func arrivals(
        from start: LogInstant, to end: LogInstant, perMinute: RateSchedule, using random: inout SplitMix64
    ) -> [LogInstant] {
        var clock = ArrivalClock(from: start, to: end, perMinute: perMinute)
        var times: [LogInstant] = []
        while let time = clock.nextArrival(using: &random) { times.append(time) }
        return times
    }

    /// Readings every `interval` seconds from `start` to `end`, each jittered by up
    /// to `jitter` seconds (a metrics reporter's schedule).
    static func periodic(
        from start: LogInstant, to end: LogInstant, every interval: Double, jitter: Double,
        using random: inout SplitMix64
    ) -> [LogInstant] {
        var times: [LogInstant] = []
        var tick = start
        while tick < end {
            times.append(tick.adding(seconds: random.double(in: 0...jitter)))
            tick = tick.adding(seconds: interval)
        }
        return times
    }
}
