/// The table culprit writes events to and reads them from, and the statements
/// that create it. One row per event; ClickHouse 18.16 (Debian's package) has
/// no `DateTime64`, so times are microseconds since the epoch in an `Int64`,
/// and the SQL here runs unchanged on current releases.
///
/// Deduplication: the engine is `ReplacingMergeTree`, whose sorting key ends in
/// where the event came from — `host`, `path`, `line` and `ordinal` (the
/// event's place among those of its line). A batch sent twice (a retry after a
/// lost answer, a shipper restarted from an older checkpoint) writes rows with
/// the same key, which ClickHouse folds into one when it merges parts; until
/// then a query must read the table with `FINAL`, as every query culprit runs
/// does. Rows are sorted by service and time, the order the analysis reads them in.
public enum EventTableSchema {
    /// The columns in insert order, with their types.
    public static let columns: [(name: String, type: String)] = [
        ("host", "String"),            // the machine that shipped the event (`--host`)
        ("path", "String"),            // the file it was read from, as given to culprit
        ("line", "UInt64"),            // its line in that file
        ("ordinal", "UInt16"),         // its place among the events of that line
        ("service", "String"),
        ("kind", "String"),            // memory, oom, gc, error, http, latency, start, deploy, …
        ("time_us", "Int64"),          // microseconds since 1970 UTC; 0 when has_time = 0
        ("has_time", "UInt8"),
        ("time_quality", "String"),    // exact, estimated, unknown
        ("event_host", "String"),      // the host or pod the line itself names; '' for none
        ("pattern", "String"),
        ("severity", "Int8"),          // syslog severity 0 (emergency) … 7 (debug); -1 for none
        ("value", "Nullable(Float64)"),
        ("unit", "String"),            // bytes, seconds, count; '' for none
        ("limit_value", "Nullable(Float64)"),
        ("status", "Nullable(Int32)"),
        ("duration", "Nullable(Float64)"),
        ("version", "String"),         // '' for none
        ("dependency", "String"),      // '' for none
        ("excerpt", "String"),
    ]

    /// The column names, comma-separated, in insert order.
    public static var columnList: String { columns.map(\.name).joined(separator: ", ") }

    /// `CREATE DATABASE IF NOT EXISTS`.
    public static func createDatabase(_ address: ClickHouseAddress) -> String {
        "CREATE DATABASE IF NOT EXISTS \(address.database)"
    }

    /// `CREATE TABLE IF NOT EXISTS` for the events table: a `ReplacingMergeTree`
    /// partitioned by day (untimed events in partition 0), sorted by service and time.
    public static func createTable(_ address: ClickHouseAddress) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(address.qualifiedTable) (
        \(columns.map { "    \($0.name) \($0.type)" }.joined(separator: ",\n"))
        ) ENGINE = ReplacingMergeTree()
        PARTITION BY intDiv(time_us, 86400000000)
        ORDER BY (service, time_us, host, path, line, ordinal)
        """
    }

    /// `CREATE TABLE IF NOT EXISTS` for a `Distributed` table `name` over `cluster`,
    /// each shard holding `address`'s table; rows are spread by their host, so one
    /// host's events (and their duplicates) stay on one shard.
    public static func createDistributed(_ address: ClickHouseAddress, name: String, cluster: String) -> String {
        "CREATE TABLE IF NOT EXISTS \(address.database).\(name) AS \(address.qualifiedTable) "
            + "ENGINE = Distributed(\(cluster), \(address.database), \(address.table), cityHash64(host))"
    }

    /// The `INSERT` whose data is the rows `EventRowEncoder` writes.
    public static func insert(_ address: ClickHouseAddress) -> String {
        "INSERT INTO \(address.qualifiedTable) (\(columnList)) FORMAT TabSeparated"
    }
}
