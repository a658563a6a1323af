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
    public var truncatedLines = 0
    /// Records each pattern (by index) gave up on at PCRE2's backtracking limits.
    public var patternsGaveUp: [Int: Int] = [:]
}
