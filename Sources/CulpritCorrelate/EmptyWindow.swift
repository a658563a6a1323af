import CulpritModel

/// A `--since`/`--until` window that selected no log line, and the lines read
/// outside it: what a reader needs to see that the window, not the service, is
/// why nothing was found.
public struct EmptyWindow: Sendable, Equatable {
    /// The window's start, microseconds; nil when open.
    public var since: Int64?
    /// The window's end, microseconds; nil when open.
    public var until: Int64?
    /// The oldest and newest lines read, all outside the window.
    public var linesRead: LinesOutsideWindow

    /// An empty window between `since` and `until`, with the lines read outside it.
    public init(since: Int64?, until: Int64?, linesRead: LinesOutsideWindow) {
        self.since = since
        self.until = until
        self.linesRead = linesRead
    }
}

/// The oldest and the newest timed line an aggregator left out because they fell outside its window.
public struct LinesOutsideWindow: Sendable, Codable, Equatable {
    /// The oldest such line: its time (microseconds) and where it is.
    public var oldest: TimedRef
    /// The newest such line.
    public var newest: TimedRef

    /// A line with its time.
    public struct TimedRef: Sendable, Codable, Equatable {
        /// Microseconds since the epoch.
        public var time: Int64
        /// Where the line is.
        public var ref: SourceRef
    }

    /// Both ends at one line.
    init(_ line: TimedRef) {
        oldest = line
        newest = line
    }

    /// Widens the span to `time` at `ref`; copies the ref only when it moves an end.
    mutating func include(time: Int64, ref: SourceRef) {
        if time > newest.time { newest = TimedRef(time: time, ref: ref) }
        if time < oldest.time { oldest = TimedRef(time: time, ref: ref) }
    }
}
