/// A parsed JSON document as a tree, for the envelopes whose records sit inside
/// arrays (an OTLP export request's `resourceLogs[].scopeLogs[].logRecords[]`,
/// journald's binary `MESSAGE` as an array of byte values), where
/// `JSONRecordParser`'s flat fields do not reach.
///
/// Numbers keep their text, so a 64-bit integer (`"timeUnixNano"` written as a
/// number) is read exactly. Nesting deeper than `maxDepth` is no document (nil).
indirect enum JSONTree: Sendable, Equatable {
    case object([Member])
    case array([JSONTree])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONTree
    }

    static let maxDepth = 32

    /// Parses `bytes` as one JSON value (white space around it allowed).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONTree? {
        var cursor = JSONCursor(bytes)
        cursor.skipWhitespace()
        guard let value = parseValue(&cursor, depth: 0) else { return nil }
        cursor.skipWhitespace()
        return cursor.atEnd ? value : nil
    }

    private static func parseValue(_ cursor: inout JSONCursor, depth: Int) -> JSONTree? {
        guard depth < maxDepth, !cursor.atEnd else { return nil }
        switch cursor.current {
        case UInt8(ascii: "\""):
            return cursor.parseString().map(JSONTree.string)
        case UInt8(ascii: "{"):
            cursor.index += 1
            var members: [Member] = []
            cursor.skipWhitespace()
            if !cursor.atEnd, cursor.current == UInt8(ascii: "}") { cursor.index += 1; return .object(members) }
            while true {
                cursor.skipWhitespace()
                guard let key = cursor.parseString() else { return nil }
                cursor.skipWhitespace()
                guard !cursor.atEnd, cursor.current == UInt8(ascii: ":") else { return nil }
                cursor.index += 1
                cursor.skipWhitespace()
                guard let value = parseValue(&cursor, depth: depth + 1) else { return nil }
                members.append(Member(key: key, value: value))
                cursor.skipWhitespace()
                guard !cursor.atEnd else { return nil }
                if cursor.current == UInt8(ascii: ",") { cursor.index += 1; continue }
                if cursor.current == UInt8(ascii: "}") { cursor.index += 1; return .object(members) }
                return nil
            }
        case UInt8(ascii: "["):
            cursor.index += 1
            var items: [JSONTree] = []
            cursor.skipWhitespace()
            if !cursor.atEnd, cursor.current == UInt8(ascii: "]") { cursor.index += 1; return .array(items) }
            while true {
                cursor.skipWhitespace()
                guard let value = parseValue(&cursor, depth: depth + 1) else { return nil }
                items.append(value)
                cursor.skipWhitespace()
                guard !cursor.atEnd else { return nil }
                if cursor.current == UInt8(ascii: ",") { cursor.index += 1; continue }
                if cursor.current == UInt8(ascii: "]") { cursor.index += 1; return .array(items) }
                return nil
            }
        case UInt8(ascii: "t"): return cursor.expect("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return cursor.expect("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return cursor.expect("null") ? .null : nil
        default:
            guard let text = cursor.numberText(), Double(text) != nil else { return nil }
            return .number(text)
        }
    }

    /// The value of `key` in an object (the first, when a key repeats).
    subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// An array's items; nothing for any other value.
    var items: [JSONTree] {
        if case .array(let items) = self { return items }
        return []
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A string or number as text, the way a log line would show it.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }
}
