/// A quantity that changes over a scenario's timeline (an error rate, a request
/// rate, a latency), given as points and linearly interpolated between them.
/// Before the first point it holds the first value, after the last the last.
struct RateSchedule: Sendable {
    private let points: [(time: LogInstant, value: Double)]

    init(_ points: [(LogInstant, Double)]) {
        precondition(!points.isEmpty, "a schedule needs at least one point")
        self.points = points.map { (time: $0.0, value: $0.1) }.sorted { $0.time < $1.time }
    }

    /// A schedule that is `value` at all times.
    static func constant(_ value: Double) -> RateSchedule {
        RateSchedule([(LogInstant(nanoseconds: 0), value)])
    }

    /// The value at `time`.
    func value(at time: LogInstant) -> Double {
        guard time > points[0].time else { return points[0].value }
        for index in 1..<points.count where time <= points[index].time {
            let before = points[index - 1]
            let after = points[index]
            let span = after.time.seconds(since: before.time)
            guard span > 0 else { return after.value }
            let fraction = time.seconds(since: before.time) / span
            return before.value + (after.value - before.value) * fraction
        }
        return points[points.count - 1].value
    }
}
