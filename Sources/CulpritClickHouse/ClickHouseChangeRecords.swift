/// Change records kept in a ClickHouse table (`--deploys clickhouse://…?table=T`,
/// table `changes` by default): any table whose columns carry the fields of a
/// CSV or JSON Lines change record (`time`, `service`, `version`, and
/// optionally `kind`, `sha`, `actor`, …). The table is read whole as JSON
/// Lines; `DateTime` columns are written as RFC 3339 UTC so no server time
/// zone leaks into the records, and 64-bit integers as numbers.
public enum ClickHouseChangeRecords {
    /// The table `--deploys` reads when the address names none.
    public static let defaultTable = "changes"

    /// Change records tables larger than this are refused: they are meant to list changes, not events.
    public static let maxRows = 1_000_000

    /// The table's rows as JSON Lines, oldest first when it has a `time` column.
    public static func fetch(_ address: ClickHouseAddress, retry: RetryPolicy = RetryPolicy(attempts: 3)) throws(ClickHouseError) -> [UInt8] {
        let client = ClickHouseHTTP(address: address)
        defer { client.shutdown() }
        // Database and table are plain identifiers (`ClickHouseAddress`): safe inside quotes.
        let describe = "SELECT name, type FROM system.columns WHERE database = '\(address.database)' AND table = '\(address.table)' FORMAT TabSeparated"
        let described = try retry.run { () throws(ClickHouseError) in try client.run(describe) }
        let columns: [(name: String, type: String)]
        do {
            columns = try TabSeparated.rows(described, width: 2).compactMap { row in
                guard let name = row[0], let type = row[1] else { return nil }
                return (name, type)
            }
        } catch {
            throw .malformedAnswer(address.endpoint, reason: error.description)
        }
        guard !columns.isEmpty else {
            throw .server(address.endpoint, status: 404, message: "no table \(address.qualifiedTable) (name one with ?table=T)")
        }
        let query = selectStatement(address, columns: columns)
        let rows = try retry.run { () throws(ClickHouseError) in try client.run(query) }
        guard rows.lazy.filter({ $0 == 0x0A }).count <= maxRows else {
            throw .malformedAnswer(address.endpoint, reason: "\(address.qualifiedTable) holds more than \(maxRows) rows: not a table of changes")
        }
        return rows
    }

    /// The query that reads `columns` of `address`'s table as JSON Lines.
    static func selectStatement(_ address: ClickHouseAddress, columns: [(name: String, type: String)]) -> String {
        let selected = columns.map { column -> String in
            let name = quoted(column.name)
            let type = column.type.hasPrefix("Nullable(") ? String(column.type.dropFirst("Nullable(".count).dropLast()) : column.type
            if type.hasPrefix("DateTime") {
                // toString in UTC, then the RFC 3339 form: `2025-03-12 00:50:00` → `2025-03-12T00:50:00Z`.
                return "concat(replaceOne(toString(\(name), 'UTC'), ' ', 'T'), 'Z') AS \(name)"
            }
            return name
        }
        let order = columns.contains { $0.name == "time" } ? " ORDER BY \(quoted("time"))" : ""
        return "SELECT \(selected.joined(separator: ", ")) FROM \(address.qualifiedTable)\(order) LIMIT \(maxRows + 1)"
            + " SETTINGS output_format_json_quote_64bit_integers = 0 FORMAT JSONEachRow"
    }

    /// A column name as a quoted identifier (backquotes, with `\` and `` ` `` escaped).
    static func quoted(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "`", with: "\\`") + "`"
    }
}
