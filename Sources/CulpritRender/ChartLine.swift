/// The points of one chart line, reduced for drawing and broken where data is missing.
///
/// - Gaps: a line is broken where minutes have no data, so that an outage of
///   the logs is never drawn as a straight ramp: wherever more than twice the
///   series' usual step passes between two samples (with a sample a minute,
///   two missing minutes or more; a series sampled every five minutes breaks
///   after more than ten), and across any break time given (an OOM kill, a
///   restart) that has a missing minute after it: what comes after a death is
///   another process's.
/// - Downsampling: min–max bucketing. The time span is cut into
///   `maxPoints / 2` equal buckets and each keeps its lowest and its highest
///   sample, in time order, so peaks (the value just before an OOM kill) and
///   troughs (the reset after a restart) survive while the line keeps at most
///   `maxPoints` points.
struct ChartLine {
    struct Point {
        /// Microseconds since the epoch.
        var time: Int64
        var value: Double
        /// The first point after a gap (or the first point of all): the line restarts here.
        var startsSegment: Bool
    }

    static let maxPoints = 600
    /// Error counts fill silent minutes with zeros up to this long (see `ServiceCharts.counts`).
    static let gapMinutes: Int64 = 10

    var points: [Point]
    /// The most minutes two neighbouring samples may lie apart and still be joined.
    private(set) var joinMinutes: Int64 = 2

    /// From per-minute samples (`minute` counts minutes since the epoch), in any
    /// order; `breaks` (microseconds) are deaths and restarts the line must not run across.
    init(minutes samples: [(minute: Int64, value: Double)], breaks: [Int64] = [], maxPoints: Int = Self.maxPoints) {
        let sorted = samples.filter { $0.value.isFinite }.sorted { $0.minute < $1.minute }
        guard let first = sorted.first, let last = sorted.last else { points = []; return }
        joinMinutes = 2 * Self.usualStep(sorted.map(\.minute))
        let breakMinutes = breaks.map { $0 >= 0 ? $0 / 60_000_000 : ($0 + 1) / 60_000_000 - 1 }.sorted()
        var segments = [Int]()
        segments.reserveCapacity(sorted.count)
        var segment = 0
        var nextBreak = 0
        for index in sorted.indices {
            if index > 0 {
                let (before, after) = (sorted[index - 1].minute, sorted[index].minute)
                while nextBreak < breakMinutes.count, breakMinutes[nextBreak] < before { nextBreak += 1 }
                let death = nextBreak < breakMinutes.count && breakMinutes[nextBreak] <= after && after - before > 1
                if after - before > joinMinutes || death { segment += 1 }
            }
            segments.append(segment)
        }
        var kept = [Int]()
        if sorted.count <= maxPoints {
            kept = Array(sorted.indices)
        } else {
            let buckets = Int64(Swift.max(1, maxPoints / 2))
            let width = (last.minute - first.minute + buckets) / buckets
            var bucketStart = 0
            while bucketStart < sorted.count {
                let bucket = (sorted[bucketStart].minute - first.minute) / width
                var low = bucketStart
                var high = bucketStart
                var index = bucketStart + 1
                while index < sorted.count, (sorted[index].minute - first.minute) / width == bucket {
                    if sorted[index].value < sorted[low].value { low = index }
                    if sorted[index].value > sorted[high].value { high = index }
                    index += 1
                }
                kept.append(Swift.min(low, high))
                if low != high { kept.append(Swift.max(low, high)) }
                bucketStart = index
            }
        }
        points = kept.enumerated().map { position, index in
            Point(time: sorted[index].minute * 60_000_000, value: sorted[index].value,
                  startsSegment: position == 0 || segments[index] != segments[kept[position - 1]])
        }
    }

    /// The value drawn at `time`: the last point at or before it, if that point is
    /// at most `joinMinutes` before it. Used to set OOM kills on the line.
    func value(at time: Int64) -> Double? {
        var low = 0
        var high = points.count
        while low < high {
            let middle = (low + high) / 2
            if points[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let point = points[low - 1]
        return time - point.time <= joinMinutes * 60_000_000 ? point.value : nil
    }

    /// The usual number of minutes between neighbouring samples: the median step, at least 1.
    static func usualStep(_ minutes: [Int64]) -> Int64 {
        guard minutes.count > 1 else { return 1 }
        var steps = [Int64]()
        steps.reserveCapacity(minutes.count - 1)
        for index in 1..<minutes.count where minutes[index] > minutes[index - 1] { steps.append(minutes[index] - minutes[index - 1]) }
        guard !steps.isEmpty else { return 1 }
        steps.sort()
        return max(1, steps[steps.count / 2])
    }

    var maximum: Double? { points.map(\.value).max() }
}
