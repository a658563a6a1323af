import CulpritModel

/// One service's request, error and latency figures for one minute of log time.
public struct MinuteStats: Sendable, Codable {
    /// Request lines (`http` events).
    public var requests = 0
    /// Requests answered 5xx.
    public var serverErrors = 0
    /// Error records that are not request lines (exceptions, ERROR level, timeouts).
    public var errorRecords = 0
    /// Latency samples (request durations and slow-query/slow-request lines), in seconds.
    public var latencyCount = 0
    public var latencySum = 0.0
    public var latencyMax = 0.0
    /// The first 5xx response of the minute, kept as evidence.
    public var firstServerError: EvidenceLine?
    /// The first error record of the minute, kept as evidence.
    public var firstError: EvidenceLine?
    /// The slowest latency sample of the minute.
    public var slowest: EvidenceLine?

    public init() {}

    /// The errors a minute counts for its service: 5xx responses when the service
    /// logs its requests (the rate is then 5xx ÷ requests), error records otherwise.
    public func errors(countingResponses: Bool) -> Int { countingResponses ? serverErrors : errorRecords }

    public var meanLatency: Double? { latencyCount == 0 ? nil : latencySum / Double(latencyCount) }
}
