/// A generator of one bench file's lines, in one format.
///
/// Each source keeps its own clock and random stream and appends straight into
/// the shared chunk buffer: no `String` is built per line. Most lines are the
/// ordinary traffic of the format; a small, realistic share (about 1–5%) are the
/// lines culprit looks for: errors, 5xx, memory readings, GC pauses, slow
/// queries, starts and the odd OOM.
protocol BenchLineSource: Sendable {
    /// Appends one record (one or more lines, ending with a newline).
    mutating func appendRecord(to buffer: inout LineBuffer)
}

/// A line source whose clock can be read, so several can share one file in time order.
protocol TimedBenchLineSource: BenchLineSource {
    /// The time of the last record written.
    var now: LogInstant { get }
}

/// A clock that advances by random gaps: the timestamps of one bench file.
struct BenchClock: Sendable {
    private(set) var now: LogInstant
    /// Largest gap between two records, in microseconds.
    let maxGapMicroseconds: Int

    init(start: LogInstant, maxGapMicroseconds: Int) {
        now = start
        self.maxGapMicroseconds = maxGapMicroseconds
    }

    /// Moves to the next record's time.
    mutating func tick(using random: inout SplitMix64) -> LogInstant {
        now = LogInstant(nanoseconds: now.nanoseconds + Int64(random.below(maxGapMicroseconds) + 1) * 1_000)
        return now
    }
}
