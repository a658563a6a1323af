/// The points of one chart line, reduced for drawing and broken where data is missing.
///
/// - Gaps: a line is broken wherever more than `gapMinutes` minutes pass
///   between two samples, so that an outage of the logs is never drawn as a
///   straight ramp.
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
    static let gapMinutes: Int64 = 10

    var points: [Point]

    /// From per-minute samples (`minute` counts minutes since the epoch), in any order.
    init(minutes samples: [(minute: Int64, value: Double)], maxPoints: Int = Self.maxPoints) {
        let sorted = samples.filter { $0.value.isFinite }.sorted { $0.minute < $1.minute }
        guard let first = sorted.first, let last = sorted.last else { points = []; return }
        var segments = [Int]()
        segments.reserveCapacity(sorted.count)
        var segment = 0
        for index in sorted.indices {
            if index > 0, sorted[index].minute - sorted[index - 1].minute > Self.gapMinutes { segment += 1 }
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
    /// in the same stretch of data (not before a gap). Used to set OOM kills on the line.
    func value(at time: Int64) -> Double? {
        var low = 0
        var high = points.count
        while low < high {
            let middle = (low + high) / 2
            if points[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let point = points[low - 1]
        return time - point.time <= Self.gapMinutes * 60_000_000 ? point.value : nil
    }

    var maximum: Double? { points.map(\.value).max() }
}
