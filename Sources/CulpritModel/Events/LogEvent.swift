/// One fact extracted from a log record: a memory figure, an error, a deploy…
/// This is the single stream that `analyze`, `watch` and `report` consume.
public struct LogEvent: Sendable {
    /// Microseconds since the Unix epoch, UTC; nil when neither the line nor any
    /// line before it in the same input carried a time.
    public var time: Int64?
    /// The service the line is from (from the line, its envelope, `--service` or the path).
    public var service: String
    /// The host or instance, when the line or its envelope names one.
    public var host: String?
    /// What kind of fact it is.
    public var kind: EventKind
    /// Memory in bytes, latency in seconds, the status for `http`, a count otherwise.
    public var value: Double?
    /// The unit of `value`, when it has one.
    public var unit: ValueUnit?
    /// The version the line names (deploys, starts).
    public var version: String?
    /// The id of the pattern that produced the event.
    public var patternID: String
    /// Where the record starts: the path as the user named it and the 1-based line.
    public var ref: SourceRef
    /// HTTP status, for `http` events.
    public var status: Int?
    /// Request or query duration in seconds, when the line gives one.
    public var duration: Double?
    /// A known ceiling for `memory` and `oom` events (GC capacity, cgroup limit), in bytes.
    public var limit: Double?
    /// The line's severity, when its envelope or text names one.
    public var severity: Severity?
    /// The first line of the record, cut to `LogEvent.excerptLimit` bytes.
    public var excerpt: String
    /// Whether `time` is the record's own, estimated from an earlier line, or unknown.
    public var timeQuality: TimeQuality = .exact
    /// The other system an error is about (`redis`, `postgres`, `10.0.0.4:8080`,
    /// an upstream's name): the failure is reported here but happened there.
    public var dependency: String?

    /// How much of a record's first line an event keeps for evidence.
    public static let excerptLimit = 300

    /// An event from its parts (the extractor builds them). Inlinable: the
    /// extractor in `CulpritExtract` builds one per matching record.
    @inlinable
    public init(
        time: Int64?, service: String, host: String?, kind: EventKind, value: Double?,
        unit: ValueUnit?, version: String?, patternID: String, ref: SourceRef,
        status: Int? = nil, duration: Double? = nil, limit: Double? = nil,
        severity: Severity? = nil, excerpt: String = "", timeQuality: TimeQuality = .exact, dependency: String? = nil
    ) {
        self.time = time
        self.service = service
        self.host = host
        self.kind = kind
        self.value = value
        self.unit = unit
        self.version = version
        self.patternID = patternID
        self.ref = ref
        self.status = status
        self.duration = duration
        self.limit = limit
        self.severity = severity
        self.excerpt = excerpt
        self.timeQuality = timeQuality
        self.dependency = dependency
    }
}
