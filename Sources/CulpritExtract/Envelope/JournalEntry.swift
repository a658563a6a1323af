import CulpritModel

/// What a systemd journal entry means, read from its fields however they came
/// (`journalctl -o json` or `-o export`).
///
/// - Time: `__REALTIME_TIMESTAMP`, microseconds since the epoch (UTC), when the
///   journal received the entry. It wins over a time inside `MESSAGE`, which is
///   often local and without an offset (a Spring Boot line under systemd).
/// - Service: the container (`CONTAINER_NAME`, Docker's and Podman's journald
///   driver), else the unit systemd's own message is about (`UNIT`, `USER_UNIT`),
///   else the unit that wrote it (`_SYSTEMD_UNIT`, `_SYSTEMD_USER_UNIT`; not a
///   session, `init.scope` or a slice), else `SYSLOG_IDENTIFIER`, else `_COMM`.
///   The unit comes before the identifier: a JVM service's identifier is `java`.
/// - Level: `PRIORITY` (0–7); host: `_HOSTNAME`.
/// - `MESSAGE` is a line of its own, decoded again; what it says itself (its level,
///   a service field) comes first, the entry's fields fill in the rest.
enum JournalEntry {
    /// Whether `fields` are a journal entry's: the journal's own timestamp, or a
    /// message with a field only the journal writes.
    static func isEntry(_ fields: RecordFields) -> Bool {
        if fields["__REALTIME_TIMESTAMP"] != nil || fields["__CURSOR"] != nil { return true }
        return fields["MESSAGE"] != nil && (fields["_SYSTEMD_UNIT"] != nil || fields["SYSLOG_IDENTIFIER"] != nil
            || fields["_HOSTNAME"] != nil || fields["_TRANSPORT"] != nil)
    }

    static func decode(_ fields: RecordFields, with decoder: LineDecoder, depth: Int) -> DecodedLine {
        var decoded: DecodedLine
        if var inner = message(fields) {
            while let last = inner.last, last == 0x0A || last == 0x0D { inner.removeLast() }
            decoded = depth < LineDecoder.maxDepth
                ? inner.withUnsafeBufferPointer { decoder.decode($0, envelope: .text, depth: depth + 1) }
                : DecodedLine(message: inner)
        } else {
            decoded = DecodedLine(message: [])
        }
        if let time = time(fields) { decoded.time = time }
        if decoded.severity == nil, let priority = fields["PRIORITY"]?.number, let level = Int(exactly: priority),
           (0...7).contains(level) {
            decoded.severity = Severity(rawValue: level)
        }
        if decoded.service == nil { decoded.service = service(fields) }
        if decoded.host == nil, case .string(let host)? = fields["_HOSTNAME"], !host.isEmpty { decoded.host = host }
        decoded.fields.entries = fields.entries + decoded.fields.entries
        decoded.quotesMessage = true
        return decoded
    }

    /// `__REALTIME_TIMESTAMP`, else `_SOURCE_REALTIME_TIMESTAMP`: decimal microseconds.
    static func time(_ fields: RecordFields) -> Int64? {
        for key in ["__REALTIME_TIMESTAMP", "_SOURCE_REALTIME_TIMESTAMP"] {
            guard let text = fields[key]?.text else { continue }
            // Plain digits only: 16 of them today, 17 from the year 2286; at most 18 never overflow.
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 &- 48 < 10 }),
                  let micros = Int64(text), micros > 0 else { continue }
            return micros
        }
        return nil
    }

    /// The entry's service, by the order in the type's description.
    static func service(_ fields: RecordFields) -> String? {
        if case .string(let container)? = fields["CONTAINER_NAME"], !container.isEmpty { return containerService(container) }
        for key in ["UNIT", "USER_UNIT", "_SYSTEMD_UNIT", "_SYSTEMD_USER_UNIT"] {
            if case .string(let unit)? = fields[key], !unit.isEmpty, !isSystemUnit(unit) { return LineDecoder.cleanServiceName(unit) }
        }
        for key in ["SYSLOG_IDENTIFIER", "_COMM"] {
            if case .string(let name)? = fields[key], !name.isEmpty { return LineDecoder.cleanServiceName(name) }
        }
        return nil
    }

    /// Units that hold many programs or none in particular: a login session, the
    /// user's manager, PID 1's scope, a slice.
    static func isSystemUnit(_ unit: String) -> Bool {
        unit == "init.scope" || unit.hasSuffix(".slice") || (unit.hasPrefix("session-") && unit.hasSuffix(".scope"))
            || unit.hasPrefix("user@") || unit.hasPrefix("user-runtime-dir@")
    }

    /// Docker's name for a Kubernetes container, `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`,
    /// names the container; a Compose replica `shop-web-1` loses its number.
    static func containerService(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        if parts.count >= 5, parts[0] == "k8s", !parts[1].isEmpty { return String(parts[1]) }
        if let dash = name.lastIndex(where: { $0 == "-" || $0 == "_" }), dash != name.startIndex,
           name[name.index(after: dash)...].allSatisfy({ $0.isASCII && $0.isNumber }), name.index(after: dash) != name.endIndex {
            return String(name[..<dash])
        }
        return name
    }

    /// `MESSAGE`'s bytes: a string; in JSON, an array of byte values when the message
    /// was not printable text (colour codes, invalid UTF-8), or an array of strings
    /// when the field was given several times (the first is taken).
    static func message(_ fields: RecordFields) -> [UInt8]? {
        guard case .string(let text)? = fields["MESSAGE"] else { return nil }
        guard text.utf8.first == UInt8(ascii: "["), text.utf8.last == UInt8(ascii: "]") else { return Array(text.utf8) }
        var raw = Array(text.utf8)
        let parsed = raw.withUnsafeMutableBufferPointer { JSONTree.parse(UnsafeBufferPointer($0)) }
        guard let items = parsed?.items, let first = items.first else { return Array(text.utf8) }
        if let string = first.string { return Array(string.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count)
        for item in items {
            guard case .number(let digits) = item, let value = UInt8(digits) else { return Array(text.utf8) }
            bytes.append(value)
        }
        return bytes
    }
}
