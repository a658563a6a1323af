/// A small, strict-enough JSON object parser for one log line: flattens nested
/// objects into dotted keys, keeps arrays as their raw text, and gives up (nil)
/// on anything that is not a JSON object, so the caller falls back to text.
///
/// Written by hand because Foundation's JSONSerialization allocates a boxed
/// dictionary per line and is several times slower on the candidate lines.
package struct JSONRecordParser {
    private var cursor: JSONCursor
    private var fields = RecordFields()
    private static let maxDepth = 16

    /// Parses `bytes` (one line) as a JSON object.
    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordFields? {
        var parser = JSONRecordParser(cursor: JSONCursor(bytes))
        parser.cursor.skipWhitespace()
        guard parser.parseObject(prefix: "", depth: 0) else { return nil }
        return parser.fields
    }

    private init(cursor: JSONCursor) { self.cursor = cursor }

    private mutating func parseObject(prefix: String, depth: Int) -> Bool {
        guard depth < Self.maxDepth, !cursor.atEnd, cursor.current == UInt8(ascii: "{") else { return false }
        cursor.index += 1
        cursor.skipWhitespace()
        if !cursor.atEnd, cursor.current == UInt8(ascii: "}") { cursor.index += 1; return true }
        while !cursor.atEnd {
            cursor.skipWhitespace()
            guard let key = cursor.parseString() else { return false }
            cursor.skipWhitespace()
            guard !cursor.atEnd, cursor.current == UInt8(ascii: ":") else { return false }
            cursor.index += 1
            cursor.skipWhitespace()
            let fullKey = prefix.isEmpty ? key : prefix + "." + key
            guard parseValue(key: fullKey, depth: depth) else { return false }
            cursor.skipWhitespace()
            guard !cursor.atEnd else { return false }
            if cursor.current == UInt8(ascii: ",") { cursor.index += 1; continue }
            if cursor.current == UInt8(ascii: "}") { cursor.index += 1; return true }
            return false
        }
        return false
    }

    private mutating func parseValue(key: String, depth: Int) -> Bool {
        guard !cursor.atEnd else { return false }
        switch cursor.current {
        case UInt8(ascii: "\""):
            guard let text = cursor.parseString() else { return false }
            fields.entries.append((key, .string(text)))
        case UInt8(ascii: "{"):
            return parseObject(prefix: key, depth: depth + 1)
        case UInt8(ascii: "["):
            let start = cursor.index
            guard skipArray(depth: depth + 1) else { return false }
            fields.entries.append((key, .string(String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.index]), as: UTF8.self))))
        case UInt8(ascii: "t"):
            guard cursor.expect("true") else { return false }
            fields.entries.append((key, .bool(true)))
        case UInt8(ascii: "f"):
            guard cursor.expect("false") else { return false }
            fields.entries.append((key, .bool(false)))
        case UInt8(ascii: "n"):
            guard cursor.expect("null") else { return false }
            fields.entries.append((key, .null))
        default:
            guard let text = cursor.numberText(), let number = Double(text) else { return false }
            // `1e999` is valid JSON but no quantity: it stays text, so nothing downstream sees infinity.
            fields.entries.append((key, number.isFinite ? .number(number) : .string(text)))
        }
        return true
    }

    private mutating func skipArray(depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        var nesting = 0
        while !cursor.atEnd {
            let byte = cursor.current
            if byte == UInt8(ascii: "\"") {
                guard cursor.parseString() != nil else { return false }
                continue
            }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { nesting += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                nesting -= 1
                if nesting == 0 { cursor.index += 1; return true }
            }
            cursor.index += 1
        }
        return false
    }
}
