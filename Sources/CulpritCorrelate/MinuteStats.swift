import CulpritModel

/// One service's request, error and latency figures for one minute of log time.
package struct MinuteStats: Sendable, Codable {
    /// Request lines (`http` events).
    package var requests = 0
    /// Requests answered 5xx.
    package var serverErrors = 0
    /// Error records that are not request lines (exceptions, ERROR level, timeouts).
    package var errorRecords = 0
    /// Error records of the minute that report another system failing, by that
    /// system (`LogEvent.dependency`); nil when none did (or a state file predates it).
    package var dependencyErrors: [String: Int]?
    /// Latency samples (request durations and slow-query/slow-request lines), in seconds.
    package var latencyCount = 0
    package var latencySum = 0.0
    package var latencyMax = 0.0
    /// The first 5xx response of the minute, kept as evidence.
    package var firstServerError: EvidenceLine?
    /// The first error record of the minute, kept as evidence.
    package var firstError: EvidenceLine?
    /// The slowest latency sample of the minute.
    package var slowest: EvidenceLine?

    package init() {}

    /// The errors a minute counts for its service: 5xx responses when the service
    /// logs its requests (the rate is then 5xx ÷ requests), error records otherwise.
    package func errors(countingResponses: Bool) -> Int { countingResponses ? serverErrors : errorRecords }

    package var meanLatency: Double? { latencyCount == 0 ? nil : latencySum / Double(latencyCount) }
}
