import CulpritModel
import Foundation

/// Ships events into ClickHouse's events table (`EventTableSchema`) in large
/// batches, creating the database and the table when missing, and retrying a
/// failed batch with backoff. Each row's key says where the event came from, so
/// a batch that is sent twice (a retry after a lost answer, a rerun after a
/// crash) is folded into one by the table's engine: shipping is at least once,
/// reading with `FINAL` sees every event once.
public final class ClickHouseEventSink {
    /// Where the events go.
    public let address: ClickHouseAddress
    /// Bytes of rows gathered before a batch is sent.
    public let batchBytes: Int
    /// How failed batches are retried.
    public let retry: RetryPolicy
    /// Hears of each retry (a one-line message), for stderr.
    public var onRetry: (String) -> Void = { _ in }

    /// Events shipped so far (acknowledged by the server).
    public private(set) var eventsShipped = 0
    /// Batches acknowledged.
    public private(set) var batchesShipped = 0
    /// Bytes of rows acknowledged.
    public private(set) var bytesShipped = 0
    /// Calls that failed and were tried again.
    public private(set) var retries = 0

    private let client: ClickHouseHTTP
    private var pending: [UInt8] = []
    private var pendingEvents = 0

    /// A sink into `address`; nothing is sent until `prepare` or the first full batch.
    public init(address: ClickHouseAddress, batchBytes: Int = 16 << 20, retry: RetryPolicy = RetryPolicy(), timeout: Double = 60) {
        self.address = address
        self.batchBytes = max(1, batchBytes)
        self.retry = retry
        client = ClickHouseHTTP(address: address, timeout: timeout)
        pending.reserveCapacity(min(self.batchBytes, 64 << 20) + (1 << 20))
    }

    deinit { client.shutdown() }

    /// Creates the database and the events table when they do not exist.
    public func prepare() throws(ClickHouseError) {
        for statement in [EventTableSchema.createDatabase(address), EventTableSchema.createTable(address), InputTableSchema.createTable(address)] {
            _ = try withRetry { () throws(ClickHouseError) in try client.run(statement) }
        }
    }

    /// Adds rows written by `EventRowEncoder` (`count` events); sends a batch when enough are gathered.
    public func append(rows: [UInt8], count: Int) throws(ClickHouseError) {
        pending.append(contentsOf: rows)
        pendingEvents += count
        if pending.count >= batchBytes { try flush() }
    }

    /// Whether rows are gathered and not yet sent.
    public var hasPending: Bool { pendingEvents > 0 }

    /// Sends what is gathered, retrying until it is acknowledged or the tries are spent.
    public func flush() throws(ClickHouseError) {
        guard !pending.isEmpty else { return }
        let insert = EventTableSchema.insert(address)
        let body = pending
        _ = try withRetry { () throws(ClickHouseError) in try client.post(query: insert, body: body) }
        eventsShipped += pendingEvents
        bytesShipped += pending.count
        batchesShipped += 1
        pending.removeAll(keepingCapacity: true)
        pendingEvents = 0
    }

    /// Records what was read from each input (`InputTableSchema`), replacing
    /// what an earlier run of `host` said of the same paths.
    public func recordInputs(_ accounts: [InputAccount], host: String) throws(ClickHouseError) {
        guard !accounts.isEmpty else { return }
        let body = InputTableSchema.rows(accounts, host: host, shippedAt: Int64(Date().timeIntervalSince1970 * 1_000_000))
        let insert = InputTableSchema.insert(address)
        _ = try withRetry { () throws(ClickHouseError) in try client.post(query: insert, body: body) }
    }

    private func withRetry<T>(_ call: () throws(ClickHouseError) -> T) throws(ClickHouseError) -> T {
        try retry.run(call) { error, attempt, wait in
            retries += 1
            onRetry("\(error); try \(attempt) of \(retry.attempts) in \(String(format: "%.1f", wait)) s")
        }
    }
}
