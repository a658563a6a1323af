import CulpritModel

/// The table beside the events table that says what each shipper read:
/// one row per host and file (`InputAccount`: format, lines, events, undated,
/// why a file was skipped, what an eventless file looks like), so an analysis
/// of the store can say, as a local run does, which inputs gave nothing or
/// could not be read. Its name is the events table's with `_inputs` appended.
///
/// The engine is `ReplacingMergeTree(shipped_us)` over `(host, path)`: a
/// rerun's account replaces the older one; queries take each key's newest row
/// (`argMax(…, shipped_us)`), before or after the merges.
public enum InputTableSchema {
    /// The columns in insert order, with their types.
    public static let columns: [(name: String, type: String)] = [
        ("host", "String"),
        ("path", "String"),
        ("format", "String"),
        ("lines", "UInt64"),
        ("events", "UInt64"),
        ("undated", "UInt64"),
        ("skipped", "String"),         // '' when the file was read
        ("looks_like", "String"),      // '' for none
        ("shipped_us", "Int64"),       // when the account was sent: the newest one counts
    ]

    /// The inputs table's name for the events table of `address`.
    public static func table(of address: ClickHouseAddress) -> String { address.table + "_inputs" }

    /// `database.table_inputs`.
    public static func qualifiedTable(_ address: ClickHouseAddress) -> String { address.database + "." + table(of: address) }

    /// `CREATE TABLE IF NOT EXISTS` for the inputs table.
    public static func createTable(_ address: ClickHouseAddress) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(qualifiedTable(address)) (
        \(columns.map { "    \($0.name) \($0.type)" }.joined(separator: ",\n"))
        ) ENGINE = ReplacingMergeTree(shipped_us)
        ORDER BY (host, path)
        """
    }

    /// The `INSERT` whose data is `rows(_:host:shippedAt:)`.
    public static func insert(_ address: ClickHouseAddress) -> String {
        "INSERT INTO \(qualifiedTable(address)) (\(columns.map(\.name).joined(separator: ", "))) FORMAT TabSeparated"
    }

    /// The accounts of one shipper, as rows.
    public static func rows(_ accounts: [InputAccount], host: String, shippedAt: Int64) -> [UInt8] {
        var out = [UInt8]()
        for account in accounts {
            let fields: [String] = [host, account.path, account.format, String(max(account.lines, 0)), String(max(account.events, 0)),
                                    String(max(account.undated, 0)), account.skipped ?? "", account.looksLike ?? "", String(shippedAt)]
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: "\t")) }
                TabSeparated.appendEscaped(field, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The query that reads every host's newest accounts, by path then host:
    /// `argMax` over `shipped_us` rather than `FINAL`, which a `Distributed`
    /// table over this engine cannot apply on 18.16.
    public static func select(_ address: ClickHouseAddress) -> String {
        let newest = ["format", "lines", "events", "undated", "skipped", "looks_like"].map { "argMax(\($0), shipped_us)" }.joined(separator: ", ")
        return "SELECT host, path, \(newest) FROM \(qualifiedTable(address)) GROUP BY host, path ORDER BY path, host FORMAT TabSeparated"
    }

    /// The number of columns `select` answers with.
    static let selectWidth = 8

    /// Accounts from `select`'s rows. A path shipped by several hosts is named
    /// `path (host)` so the lines tell them apart; one shipped once keeps its path.
    static func accounts(_ rows: [[String?]]) throws(ClickHouseError) -> [InputAccount] {
        var hostsPerPath = [String: Int]()
        for row in rows { hostsPerPath[row[1] ?? "", default: 0] += 1 }
        return try rows.map { row throws(ClickHouseError) -> InputAccount in
            func count(_ value: String?, _ name: String) throws(ClickHouseError) -> Int {
                guard let value, let number = Int(value), number >= 0 else {
                    throw .malformedAnswer("inputs table", reason: "\(name) is \(value.map { "\"\($0.prefix(40))\"" } ?? "NULL")")
                }
                return number
            }
            let path = row[1] ?? ""
            let host = row[0] ?? ""
            return InputAccount(path: (hostsPerPath[path] ?? 0) > 1 ? "\(path) (\(host))" : path, format: row[2] ?? "",
                                lines: try count(row[3], "lines"), events: try count(row[4], "events"), undated: try count(row[5], "undated"),
                                skipped: (row[6] ?? "").isEmpty ? nil : row[6], looksLike: (row[7] ?? "").isEmpty ? nil : row[7])
        }
    }
}
