import CulpritModel
import CulpritCorrelate

/// `analyze --source` and `report --source`: rebuilds the analysis state from
/// ClickHouse by running `AggregateQueries` (the window filter and the sums in
/// the database) and replaying the sparse events, so the findings are those of
/// a local run over the same lines.
public final class ClickHouseAggregateSource {
    /// The table read.
    public let address: ClickHouseAddress
    /// How failed queries are retried.
    public let retry: RetryPolicy
    /// Bytes of answers received so far, as sent (gzip-compressed).
    public private(set) var bytesFetched = 0
    /// The same answers inflated.
    public private(set) var bytesDecoded = 0
    /// Rows of answers received so far.
    public private(set) var rowsFetched = 0

    private let client: ClickHouseHTTP

    /// A source reading `address`'s table.
    public init(address: ClickHouseAddress, retry: RetryPolicy = RetryPolicy(attempts: 4), timeout: Double = 300) {
        self.address = address
        self.retry = retry
        client = ClickHouseHTTP(address: address, timeout: timeout)
    }

    deinit { client.shutdown() }

    /// The newest event time in the table and how many timed events it holds.
    public func lastEventTime() throws(ClickHouseError) -> Int64? {
        let rows = try fetch(AggregateQueries(address: address, since: nil, until: nil).lastEventTime, width: 2)
        guard let row = rows.first, let count = Int(row[1] ?? ""), count > 0 else { return nil }
        return try integer(row[0], "max(time_us)")
    }

    /// What the shippers read from each input (`InputTableSchema`), nil when
    /// the store has no inputs table beside the events table.
    public func inputs() throws(ClickHouseError) -> [InputAccount]? {
        let exists = try fetch("SELECT count() FROM system.tables WHERE database = '\(address.database)' AND name = '\(InputTableSchema.table(of: address))' FORMAT TabSeparated", width: 1)
        guard exists.first?.first == "1" else { return nil }
        return try InputTableSchema.accounts(try fetch(InputTableSchema.select(address), width: InputTableSchema.selectWidth))
    }

    /// The analysis state for events between `since` and `until` (microseconds; nil is open).
    public func aggregate(since: Int64?, until: Int64?) throws(ClickHouseError) -> EventAggregator {
        let queries = AggregateQueries(address: address, since: since, until: until)
        var aggregator = EventAggregator(since: since, until: until)
        for row in try fetch(queries.spans, width: AggregateQueries.spanWidth) {
            aggregator.restoreSpan(service: try text(row[0]), instance: try text(row[1]), first: try integer(row[2], "min(time_us)"),
                                   last: try integer(row[3], "max(time_us)"), count: try count(row[4]))
        }
        for row in try fetch(queries.minutes, width: AggregateQueries.minuteWidth) {
            var figures = MinuteFigures()
            figures.requests = try count(row[2])
            figures.serverErrors = try count(row[3])
            if figures.serverErrors > 0 { figures.firstServerError = try evidence(row, at: 4) }
            figures.latencyCount = try count(row[8])
            figures.latencySum = try real(row[9])
            figures.latencyMax = try real(row[10])
            if figures.latencyCount > 0 { figures.slowest = try evidence(row, at: 11) }
            aggregator.restoreMinute(service: try text(row[0]), minute: try integer(row[1], "minute"), figures)
        }
        for row in try fetch(queries.memory, width: AggregateQueries.memoryWidth) {
            aggregator.restoreMemory(service: try text(row[0]), instance: try text(row[1]), bytes: try real(row[3]),
                                     evidence: try evidence(row, at: 4), limit: try optionalReal(row[8]))
        }
        for row in try fetch(queries.versions, width: AggregateQueries.versionWidth) {
            aggregator.restoreVersion(service: try text(row[0]), instance: try text(row[1]), version: try text(row[2]),
                                      evidence: try evidence(row, at: 6), first: try integer(row[4], "first"), last: try integer(row[5], "max(time_us)"))
        }
        for row in try fetch(queries.sparseEvents, width: AggregateQueries.eventWidth) {
            aggregator.replay(try event(row))
        }
        let untimed = try fetch(queries.untimedCount, width: 1).first.map { row throws(ClickHouseError) in try count(row[0]) } ?? 0
        var undated = 0
        if since == nil, until == nil {
            for row in try fetch(queries.undatedOOMs, width: AggregateQueries.eventWidth) {
                aggregator.add(try event(row))
                undated += 1
            }
        }
        aggregator.restoreUntimed(count: max(0, untimed - undated))
        return aggregator
    }

    // MARK: - Reading answers

    private func fetch(_ query: String, width: Int) throws(ClickHouseError) -> [[String?]] {
        let (body, wire) = try retry.run { () throws(ClickHouseError) in try client.exchange(query: nil, body: Array(query.utf8)) }
        bytesFetched += wire
        bytesDecoded += body.count
        do {
            let rows = try TabSeparated.rows(body, width: width)
            rowsFetched += rows.count
            return rows
        } catch {
            throw .malformedAnswer(address.endpoint, reason: error.description)
        }
    }

    private func malformed(_ what: String, _ value: String?) -> ClickHouseError {
        .malformedAnswer(address.endpoint, reason: "\(what) is \(value.map { "\"\($0.prefix(40))\"" } ?? "NULL")")
    }

    private func text(_ field: String?) throws(ClickHouseError) -> String {
        guard let field else { throw malformed("a text column", nil) }
        return field
    }

    private func integer(_ field: String?, _ what: String) throws(ClickHouseError) -> Int64 {
        guard let field, let value = Int64(field) else { throw malformed(what, field) }
        return value
    }

    private func count(_ field: String?) throws(ClickHouseError) -> Int {
        guard let field, let value = Int(field), value >= 0 else { throw malformed("a count", field) }
        return value
    }

    private func real(_ field: String?) throws(ClickHouseError) -> Double {
        guard let field, let value = Double(field), value.isFinite else { throw malformed("a number", field) }
        return value
    }

    private func optionalReal(_ field: String?) throws(ClickHouseError) -> Double? {
        guard let field else { return nil }
        guard let value = Double(field), value.isFinite else { throw malformed("a number", field) }
        return value
    }

    /// The evidence line in the four columns from `index`: path, line, time, excerpt.
    private func evidence(_ row: [String?], at index: Int) throws(ClickHouseError) -> EvidenceLine {
        let line = try integer(row[index + 1], "a line number")
        guard let number = Int(exactly: line) else { throw malformed("a line number", row[index + 1]) }
        return EvidenceLine(ref: SourceRef(path: try text(row[index]), line: number), time: try integer(row[index + 2], "a time"),
                            text: try text(row[index + 3]))
    }

    /// A sparse event's row (`AggregateQueries.eventColumns`) as the event it was.
    private func event(_ row: [String?]) throws(ClickHouseError) -> LogEvent {
        guard let kind = EventKind(rawValue: try text(row[4])) else { throw malformed("kind", row[4]) }
        let lineValue = try integer(row[3], "a line number")
        guard let line = Int(exactly: lineValue) else { throw malformed("a line number", row[3]) }
        let hasTime = try text(row[6]) == "1"
        let severityCode = try integer(row[9], "severity")
        let status = try row[13].map { field throws(ClickHouseError) -> Int in
            guard let value = Int(field) else { throw malformed("status", field) }
            return value
        }
        func nonEmpty(_ field: String?) -> String? { field.flatMap { $0.isEmpty ? nil : $0 } }
        return LogEvent(
            time: hasTime ? try integer(row[5], "time_us") : nil,
            service: try text(row[0]), host: nonEmpty(row[1]), kind: kind, value: try optionalReal(row[10]),
            unit: nonEmpty(row[11]).flatMap(ValueUnit.init(rawValue:)), version: nonEmpty(row[15]), patternID: try text(row[8]),
            ref: SourceRef(path: try text(row[2]), line: line), status: status, duration: try optionalReal(row[14]),
            limit: try optionalReal(row[12]), severity: Int(exactly: severityCode).flatMap(Severity.init(rawValue:)),
            excerpt: try text(row[17]), timeQuality: TimeQuality(rawValue: try text(row[7])) ?? .exact, dependency: nonEmpty(row[16])
        )
    }
}
