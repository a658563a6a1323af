/// What became of one input: how much of it was read, what culprit took it
/// for, and what it yielded. "No anomalies" means something only next to this:
/// a file that yielded nothing is named, never silently counted as healthy.
public struct InputAccount: Sendable, Equatable {
    /// The path as refs print it (`-` for standard input).
    public var path: String
    /// The envelope culprit read it as (`json`, `cri`, `logfmt`, `text`), or
    /// what it looks like when it was not read (`binary`, `markdown`…).
    public var format: String
    /// Lines read.
    public var lines: Int
    /// Events extracted.
    public var events: Int
    /// Events no time could be put on (`TimeQuality.unknown`).
    public var undated: Int
    /// Why the file was not read for events (binary, not a log, unreadable); nil when it was.
    public var skipped: String?
    /// For a file that yielded no events: what its lines look like (`CSV`, `metrics`…), if anything.
    public var looksLike: String?

    /// The account of the input at `path`, read as `format`.
    public init(path: String, format: String, lines: Int = 0, events: Int = 0, undated: Int = 0,
                skipped: String? = nil, looksLike: String? = nil) {
        self.path = path
        self.format = format
        self.lines = lines
        self.events = events
        self.undated = undated
        self.skipped = skipped
        self.looksLike = looksLike
    }

    /// Adds one chunk read as `format` (nil: not yet known): its `lines` and `events`,
    /// of which those no time could be put on are undated.
    public mutating func count(_ events: [LogEvent], lines: Int, format: String?) {
        if let format { self.format = format }
        self.lines += lines
        self.events += events.count
        undated += events.reduce(0) { $0 + ($1.timeQuality == .unknown ? 1 : 0) }
    }

    /// Read, but nothing in it was recognised.
    public var yieldedNothing: Bool { skipped == nil && events == 0 && lines > 0 }
}
