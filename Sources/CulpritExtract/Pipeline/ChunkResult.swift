import CulpritModel

/// The events of one chunk, with line numbers local to the chunk (1-based) until
/// the pipeline adds the lines of the chunks before it.
package struct ChunkResult: Sendable {
    package var events: [LogEvent] = []
    /// Indexes of events whose record had no time: they take the time of the last
    /// timed line before them, which may be in an earlier chunk.
    package var needsEarlierTime: [Int] = []
    /// The time of the last timed line in the chunk, for the chunks after it.
    package var lastTime: Int64?
    package var lineCount = 0
    /// Events the chunk yielded (kept when the events themselves were rendered and dropped).
    package var eventCount = 0
    /// Of those, events no time could be put on once earlier chunks were taken into account.
    package var undatedCount = 0
    package var truncatedLines = 0
    /// Records each pattern (by index) gave up on at PCRE2's backtracking limits.
    package var patternsGaveUp: [Int: Int] = [:]
}
