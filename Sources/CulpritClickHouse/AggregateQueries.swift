/// The SQL `analyze --source` runs: the window filter and the per-service,
/// per-minute sums happen in ClickHouse, and only those sums and the sparse
/// events come back. Every query reads the table with `FINAL`, so rows sent
/// twice count once (see `EventTableSchema`). On a `Distributed` table the
/// `GROUP BY`s run on each shard and are merged by the one queried.
public struct AggregateQueries: Sendable {
    /// The table read.
    public var address: ClickHouseAddress
    /// The window, microseconds; nil bounds are open.
    public var since: Int64?
    /// The window's end.
    public var until: Int64?

    /// Queries over `address`'s table within `since`…`until`.
    public init(address: ClickHouseAddress, since: Int64?, until: Int64?) {
        self.address = address
        self.since = since
        self.until = until
    }

    /// The kinds summed in ClickHouse; every other kind comes back as events.
    public static let denseKinds = ["http", "latency", "memory", "gc"]

    private var from: String { "FROM \(address.qualifiedTable) FINAL" }

    /// `has_time = 1` and the window's bounds.
    var window: String {
        var parts = ["has_time = 1"]
        if let since { parts.append("time_us >= \(since)") }
        if let until { parts.append("time_us <= \(until)") }
        return parts.joined(separator: " AND ")
    }

    private static let instance = "if(event_host != '', event_host, path)"
    /// `'http', 'latency', …`, for `IN (…)`.
    private static var denseList: String { denseKinds.map { "'\($0)'" }.joined(separator: ", ") }
    private static var dense: String { "kind IN (\(denseList))" }
    /// The evidence line of the row chosen by `argMin`/`argMax` over `key`: path, line, time, excerpt.
    private static func evidence(_ function: String, key: String, condition: String? = nil) -> String {
        ["path", "line", "time_us", "excerpt"].map { column in
            condition.map { "\(function)If(\(column), \(key), \($0))" } ?? "\(function)(\(column), \(key))"
        }.joined(separator: ", ")
    }

    /// The newest event time in the table (for windows anchored on the last event).
    public var lastEventTime: String { "SELECT max(time_us), count() \(from) WHERE has_time = 1 FORMAT TabSeparated" }

    /// Per service and instance: first and last time, and how many dense events.
    public var spans: String {
        """
        SELECT service, \(Self.instance) AS instance, min(time_us), max(time_us), countIf(\(Self.dense))
        \(from) WHERE \(window)
        GROUP BY service, instance ORDER BY service, instance FORMAT TabSeparated
        """
    }

    /// The columns `spans` returns.
    public static let spanWidth = 5

    /// Per service and minute: requests, 5xx and the first, latency samples and the slowest.
    public var minutes: String {
        let isSample = "((kind = 'http' AND isNotNull(duration)) OR (kind = 'latency' AND isNotNull(value)))"
        let sample = "ifNull(if(kind = 'http', duration, value), 0)"
        let isServerError = "(kind = 'http' AND ifNull(status, 0) >= 500)"
        return """
        SELECT service, intDiv(time_us, 60000000) AS minute,
            countIf(kind = 'http'), countIf(\(isServerError)),
            \(Self.evidence("argMin", key: "tuple(path, line, ordinal)", condition: isServerError)),
            countIf(\(isSample)), sumIf(\(sample), \(isSample)), maxIf(\(sample), \(isSample)),
            \(Self.evidence("argMax", key: "tuple(\(sample), path, line, ordinal)", condition: isSample))
        \(from) WHERE \(window) AND kind IN ('http', 'latency')
        GROUP BY service, minute ORDER BY service, minute FORMAT TabSeparated
        """
    }

    /// The columns `minutes` returns.
    public static let minuteWidth = 15

    /// Per service, instance and minute: the lowest memory figure, its line, and the largest limit.
    public var memory: String {
        """
        SELECT service, \(Self.instance) AS instance, intDiv(time_us, 60000000) AS minute, min(value),
            \(Self.evidence("argMin", key: "tuple(value, path, line, ordinal)")), max(limit_value)
        \(from) WHERE \(window) AND kind = 'memory' AND value > 0
        GROUP BY service, instance, minute ORDER BY service, instance, minute FORMAT TabSeparated
        """
    }

    /// The columns `memory` returns.
    public static let memoryWidth = 9

    /// Per service, instance, version and minute: when the version was seen, and its first line.
    public var versions: String {
        """
        SELECT service, \(Self.instance) AS instance, version, intDiv(time_us, 60000000) AS minute, min(time_us) AS first, max(time_us),
            \(Self.evidence("argMin", key: "tuple(time_us, path, line, ordinal)"))
        \(from) WHERE \(window) AND version != ''
        GROUP BY service, instance, version, minute
        ORDER BY service, instance, first, minute, version FORMAT TabSeparated
        """
    }

    /// The columns `versions` returns.
    public static let versionWidth = 10

    /// The columns of a sparse event, in `SparseEventRow`'s order.
    static let eventColumns = "service, event_host, path, line, kind, time_us, has_time, time_quality, pattern, severity, value, unit, limit_value, status, duration, version, dependency, excerpt"

    /// The columns `sparseEvents` and `undatedOOMs` return.
    public static let eventWidth = 18

    /// Every event of a sparse kind in the window, in path and line order.
    public var sparseEvents: String {
        """
        SELECT \(Self.eventColumns)
        \(from) WHERE \(window) AND kind NOT IN (\(Self.denseList))
        ORDER BY path, line, ordinal, host FORMAT TabSeparated
        """
    }

    /// How many events had no time.
    public var untimedCount: String { "SELECT count() \(from) WHERE has_time = 0 FORMAT TabSeparated" }

    /// The OOM kills with no time (kept only when no window is set).
    public var undatedOOMs: String {
        "SELECT \(Self.eventColumns) \(from) WHERE has_time = 0 AND kind = 'oom' ORDER BY path, line, ordinal, host FORMAT TabSeparated"
    }
}
