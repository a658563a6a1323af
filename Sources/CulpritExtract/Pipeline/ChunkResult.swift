import CulpritModel

/// The events of one chunk, with line numbers local to the chunk (1-based) until
/// the pipeline adds the lines of the chunks before it.
public struct ChunkResult: Sendable {
    public var events: [LogEvent] = []
    /// Indexes of events whose record had no time: they take the time of the last
    /// timed line before them, which may be in an earlier chunk.
    public var needsEarlierTime: [Int] = []
    /// The time of the last timed line in the chunk, for the chunks after it.
    public var lastTime: Int64?
    public var lineCount = 0
    /// Events the chunk yielded (kept when the events themselves were rendered and dropped).
    public var eventCount = 0
    /// Of those, events no time could be put on once earlier chunks were taken into account.
    public var undatedCount = 0
    public var truncatedLines = 0
    /// Records each pattern (by index) gave up on at PCRE2's backtracking limits.
    public var patternsGaveUp: [Int: Int] = [:]
}
