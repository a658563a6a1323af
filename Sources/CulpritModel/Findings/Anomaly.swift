/// Something abnormal in one service's logs, with the lines that show it.
public struct Anomaly: Sendable {
    /// The contract's `anomalies[].kind` values.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case memoryGrowth = "memory_growth"
        case oom
        case errorSpike = "error_spike"
        case latencySpike = "latency_spike"
        case restartLoop = "restart_loop"
        case crash
    }

    /// The service whose logs show it.
    public var service: String
    /// What kind of trouble it is.
    public var kind: Kind
    /// When it began (microseconds, UTC).
    public var start: Int64
    /// When it ended; nil while it is still going at the end of the logs.
    public var end: Int64?
    /// One sentence for people, with its figures.
    public var summary: String
    /// The lines that show it.
    public var evidence: [EvidenceLine]
    /// Already under way when the logs (or the window) begin: no change in view explains it.
    public var preExisting = false
    /// Size of the effect, for ranking: memory growth in bytes/minute, error or
    /// latency ratio after vs before, OOM or restart count.
    public var magnitude: Double
    /// For memory growth: details for charts and projections.
    public var growth: MemoryGrowth?
    /// For an error spike: the other system most of the service's errors report
    /// failing (`redis`, `postgres`, `host:port`), and the share of them that do.
    public var dependency: String?
    /// See `dependency`.
    public var dependencyShare: Double?

    /// An anomaly from its parts (a detector builds them).
    public init(service: String, kind: Kind, start: Int64, end: Int64?, summary: String, evidence: [EvidenceLine],
                preExisting: Bool = false, magnitude: Double, growth: MemoryGrowth? = nil) {
        self.service = service
        self.kind = kind
        self.start = start
        self.end = end
        self.summary = summary
        self.evidence = evidence
        self.preExisting = preExisting
        self.magnitude = magnitude
        self.growth = growth
    }
}

/// What a memory leak looks like in numbers.
public struct MemoryGrowth: Sendable {
    /// The instance (host or file) that grows fastest.
    public var instance: String
    /// Theil–Sen slope after the onset, bytes per minute.
    public var bytesPerMinute: Double
    /// Slope before the onset in the same segment (≈ 0 for a leak that a change started).
    public var bytesPerMinuteBefore: Double?
    /// Level at the onset and at the last sample, bytes.
    public var startBytes: Double
    /// Level at the last sample of the growth, bytes.
    public var endBytes: Double
    /// The known limit, bytes, when the logs give one.
    public var limitBytes: Double?
    /// Minutes until the limit at the current slope, when a limit is known.
    public var minutesToLimit: Double?
    /// Mann–Kendall one-sided p-value.
    public var pValue: Double
    /// Segments (between restarts) that each grew: ≥ 2 is the sawtooth of a leak.
    public var growingSegments: Int
    /// Times (µs) at which memory was reset by a restart and then grew again.
    public var resets: [Int64]

    /// A leak's figures, as `MemoryGrowthDetector` measures them.
    package init(instance: String, bytesPerMinute: Double, bytesPerMinuteBefore: Double?, startBytes: Double, endBytes: Double,
                 limitBytes: Double?, minutesToLimit: Double?, pValue: Double, growingSegments: Int, resets: [Int64]) {
        self.instance = instance
        self.bytesPerMinute = bytesPerMinute
        self.bytesPerMinuteBefore = bytesPerMinuteBefore
        self.startBytes = startBytes
        self.endBytes = endBytes
        self.limitBytes = limitBytes
        self.minutesToLimit = minutesToLimit
        self.pValue = pValue
        self.growingSegments = growingSegments
        self.resets = resets
    }
}
