/// How many times something happened per minute, in bounded memory: at most
/// `bucketLimit` buckets, each `width` minutes wide. Buckets start one minute
/// wide; when a count would need more buckets, the width doubles and neighbours
/// merge, so a message seen every minute for a week ends in 64-minute buckets.
/// Counts over a span read whole buckets and a proportional share of the ones it cuts.
struct MinuteCounts: Sendable, Codable, Equatable {
    /// One bucket: its first minute (a multiple of `width`) and its count.
    struct Bucket: Sendable, Codable, Equatable {
        var minute: Int64
        var count: Int
    }

    static let bucketLimit = 256

    /// Minutes per bucket, a power of two.
    private(set) var width: Int64 = 1
    /// Buckets in time order.
    private(set) var buckets: [Bucket] = []

    /// The total of every bucket.
    var total: Int { buckets.reduce(0) { $0 + $1.count } }

    mutating func add(minute: Int64) {
        let start = floorToWidth(minute)
        if let last = buckets.last, last.minute == start {
            buckets[buckets.count - 1].count += 1
            return
        }
        if buckets.last.map({ $0.minute < start }) ?? true {
            buckets.append(Bucket(minute: start, count: 1))
        } else {
            // Out of order (several files of one service): find its place.
            var low = 0
            var high = buckets.count
            while low < high {
                let middle = (low + high) / 2
                if buckets[middle].minute < start { low = middle + 1 } else { high = middle }
            }
            if low < buckets.count, buckets[low].minute == start {
                buckets[low].count += 1
            } else {
                buckets.insert(Bucket(minute: start, count: 1), at: low)
            }
        }
        while buckets.count > Self.bucketLimit { coarsen() }
    }

    /// Events in `[from, to)` (minutes), counting a cut bucket in proportion to its overlap.
    func count(from: Int64, to: Int64) -> Double {
        guard to > from else { return 0 }
        var sum = 0.0
        for bucket in buckets {
            let end = bucket.minute + width
            if end <= from { continue }
            if bucket.minute >= to { break }
            let overlap = min(end, to) - max(bucket.minute, from)
            sum += Double(bucket.count) * Double(overlap) / Double(width)
        }
        return sum
    }

    /// Forgets the buckets that end before `minute`.
    mutating func prune(before minute: Int64) {
        buckets.removeAll { $0.minute + width <= minute }
    }

    private mutating func coarsen() {
        width *= 2
        var merged = [Bucket]()
        merged.reserveCapacity(buckets.count / 2 + 1)
        for bucket in buckets {
            let start = floorToWidth(bucket.minute)
            if let last = merged.last, last.minute == start {
                merged[merged.count - 1].count += bucket.count
            } else {
                merged.append(Bucket(minute: start, count: bucket.count))
            }
        }
        buckets = merged
    }

    private func floorToWidth(_ minute: Int64) -> Int64 {
        let remainder = minute % width
        return remainder >= 0 ? minute - remainder : minute - remainder - width
    }
}
