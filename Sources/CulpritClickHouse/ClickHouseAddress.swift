/// A `clickhouse://HOST:PORT/DATABASE[?table=T]` address (the HTTP interface;
/// PORT defaults to 8123, the table to `events`).
public struct ClickHouseAddress: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// Its HTTP port.
    public var port: Int
    /// The database holding the table.
    public var database: String
    /// The events table (a MergeTree table, or a `Distributed` table over one per shard).
    public var table: String

    /// The default HTTP port of ClickHouse.
    public static let defaultPort = 8123
    /// The table used when the address names none.
    public static let defaultTable = "events"

    /// An address from its parts.
    public init(host: String, port: Int = Self.defaultPort, database: String, table: String = Self.defaultTable) {
        self.host = host
        self.port = port
        self.database = database
        self.table = table
    }

    /// Reads `text`; throws `ClickHouseError.badAddress` saying what is wrong.
    public init(parsing text: String) throws(ClickHouseError) {
        try self.init(parsing: text, defaultTable: Self.defaultTable)
    }

    /// Reads `text`, whose table is `defaultTable` unless it says `?table=`.
    public init(parsing text: String, defaultTable: String) throws(ClickHouseError) {
        func fail(_ reason: String) -> ClickHouseError { .badAddress(text, reason: reason) }
        let scheme = "clickhouse://"
        guard text.hasPrefix(scheme) else { throw fail("expected clickhouse://HOST:PORT/DATABASE[?table=T]") }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw fail("no database: expected clickhouse://HOST:PORT/DATABASE") }
        let authority = rest[..<slash]
        let database = String(rest[rest.index(after: slash)...])
        var host = String(authority)
        var port = Self.defaultPort
        if authority.hasPrefix("[") {
            // [::1]:8123
            guard let close = authority.firstIndex(of: "]") else { throw fail("unclosed [ in the host") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("expected :PORT after ]") }
                port = try Self.port(after.dropFirst(), in: text)
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try Self.port(authority[authority.index(after: colon)...], in: text)
        }
        guard !host.isEmpty else { throw fail("no host") }
        guard Self.isHostName(host) else { throw fail("the host must be a name or an address (letters, digits, . - _ and : inside [ ])") }
        guard Self.isIdentifier(database) else { throw fail("the database must be letters, digits and _ (got \"\(database)\")") }
        var table = defaultTable
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "table" else { throw fail("unknown parameter \"\(pair)\" (only table=NAME)") }
            table = String(parts[1])
        }
        guard Self.isIdentifier(table) else { throw fail("the table must be letters, digits and _ (got \"\(table)\")") }
        self.init(host: host, port: port, database: database, table: table)
    }

    /// `database.table`, both known to be plain identifiers.
    public var qualifiedTable: String { "\(database).\(table)" }

    /// `host:port`, for messages.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public var description: String {
        "clickhouse://\(endpoint)/\(database)" + (table == Self.defaultTable ? "" : "?table=\(table)")
    }

    /// Whether `host` can be a host name or an IP address: what goes into a
    /// connection and a `Host:` header, so no space, control byte or `/`.
    static func isHostName(_ host: String) -> Bool {
        host.utf8.count <= 253 && host.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "%")
        }
    }

    /// Whether `name` is a plain SQL identifier (so it can be written into a query unquoted).
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), name.utf8.count <= 128 else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    private static func port(_ text: Substring, in address: String) throws(ClickHouseError) -> Int {
        guard !text.isEmpty, text.utf8.count <= 5, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let port = Int(text), (1...65535).contains(port) else {
            throw .badAddress(address, reason: "the port must be a number from 1 to 65535 (got \"\(text)\")")
        }
        return port
    }
}
