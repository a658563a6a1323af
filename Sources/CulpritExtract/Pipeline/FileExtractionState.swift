import CulpritModel
import CulpritIngest

/// Per-file bookkeeping while its chunks stream through: the line count so far
/// (to turn chunk-local line numbers into file line numbers) and the last time seen
/// (for records with no time of their own).
package struct FileExtractionState: Sendable {
    package let context: FileContext
    package private(set) var linesBefore = 0
    package private(set) var lastTime: Int64?
    package private(set) var truncatedLines = 0
    package private(set) var events = 0
    package private(set) var undated = 0

    package init(context: FileContext, resume: ResumePoint? = nil) {
        self.context = context
        linesBefore = resume?.lines ?? 0
        lastTime = resume?.lastTime
    }

    /// Makes a chunk's events file-relative, in order, and takes them out of
    /// `result` (moved, not copied: the events are updated in place).
    package mutating func absorb(_ result: inout ChunkResult) -> [LogEvent] {
        var events = [LogEvent]()
        swap(&events, &result.events)
        if linesBefore > 0 {
            for index in events.indices { events[index].ref.line += linesBefore }
        }
        for index in result.needsEarlierTime where events[index].time == nil {
            events[index].time = lastTime
            if lastTime != nil { events[index].timeQuality = .estimated } else { result.undatedCount += 1 }
        }
        advance(past: result)
        return events
    }

    /// Moves past a chunk whose events were numbered and timed elsewhere.
    package mutating func advance(past result: ChunkResult) {
        linesBefore += result.lineCount
        truncatedLines += result.truncatedLines
        events += result.eventCount
        undated += result.undatedCount
        if let time = result.lastTime { lastTime = time }
    }
}
