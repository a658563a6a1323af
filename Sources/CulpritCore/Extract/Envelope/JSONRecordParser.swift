/// A small, strict-enough JSON object parser for one log line: flattens nested
/// objects into dotted keys, keeps arrays as their raw text, and gives up (nil)
/// on anything that is not a JSON object, so the caller falls back to text.
///
/// Written by hand because Foundation's JSONSerialization allocates a boxed
/// dictionary per line and is several times slower on the candidate lines.
public struct JSONRecordParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var fields = RecordFields()
    private static let maxDepth = 16

    /// Parses `bytes` (one line) as a JSON object.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordFields? {
        var parser = JSONRecordParser(bytes: bytes)
        parser.skipWhitespace()
        guard parser.parseObject(prefix: "", depth: 0) else { return nil }
        return parser.fields
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
            index += 1
        }
    }

    private mutating func parseObject(prefix: String, depth: Int) -> Bool {
        guard depth < Self.maxDepth, index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return true }
        while index < bytes.count {
            skipWhitespace()
            guard let key = parseString() else { return false }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            skipWhitespace()
            let fullKey = prefix.isEmpty ? key : prefix + "." + key
            guard parseValue(key: fullKey, depth: depth) else { return false }
            skipWhitespace()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return true }
            return false
        }
        return false
    }

    private mutating func parseValue(key: String, depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            guard let text = parseString() else { return false }
            fields.entries.append((key, .string(text)))
        case UInt8(ascii: "{"):
            return parseObject(prefix: key, depth: depth + 1)
        case UInt8(ascii: "["):
            let start = index
            guard skipArray(depth: depth + 1) else { return false }
            fields.entries.append((key, .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))))
        case UInt8(ascii: "t"):
            guard expect("true") else { return false }
            fields.entries.append((key, .bool(true)))
        case UInt8(ascii: "f"):
            guard expect("false") else { return false }
            fields.entries.append((key, .bool(false)))
        case UInt8(ascii: "n"):
            guard expect("null") else { return false }
            fields.entries.append((key, .null))
        default:
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard index > start, let number = Double(text) else { return false }
            // `1e999` is valid JSON but no quantity: it stays text, so nothing downstream sees infinity.
            fields.entries.append((key, number.isFinite ? .number(number) : .string(text)))
        }
        return true
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private mutating func expect(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += length
        return true
    }

    private mutating func skipArray(depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        var nesting = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard parseString() != nil else { return false }
                continue
            }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { nesting += 1 }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                nesting -= 1
                if nesting == 0 { index += 1; return true }
            }
            index += 1
        }
        return false
    }

    /// A JSON string at `index`, unescaped; invalid UTF-8 is repaired, never fatal.
    private mutating func parseString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return text
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") { out.append(byte); index += 1; continue }
            guard index + 1 < bytes.count else { return nil }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                // A high surrogate joins the low one that follows it; anything else
                // (a lone or reversed surrogate) is U+FFFD, and the next escape is read on its own.
                if scalar >= 0xD800, scalar < 0xDC00, index + 5 < bytes.count,
                   bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let mark = index
                    index += 2
                    if let low = hex4(), low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = mark
                    }
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
            default: out.append(escaped)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
