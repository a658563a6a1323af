/// JSON object building on a `LineBuffer`: enough for one-line JSON log records.
///
/// A key writes its own separating comma unless it directly follows `{`, so a
/// format can emit optional fields without tracking which one came first.
extension LineBuffer {
    /// Writes `,"key":` (or `"key":` right after `{`); `spaced` gives Python's
    /// `json.dumps` separators, `, ` and `: `.
    mutating func appendJSONKey(_ key: String, spaced: Bool = false) {
        if let last = lastByte, last != UInt8(ascii: "{") {
            append(spaced ? ", " : ",")
        }
        appendJSONString(key)
        append(spaced ? ": " : ":")
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    mutating func appendJSONString(_ text: String) {
        append(byte: UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0a: append("\\n")
            case 0x09: append("\\t")
            case 0x0d: append("\\r")
            case 0..<0x20:
                append("\\u00")
                let hex = Array("0123456789abcdef".utf8)
                append(byte: hex[Int(byte >> 4)])
                append(byte: hex[Int(byte & 0xf)])
            default: append(byte: byte)
            }
        }
        append(byte: UInt8(ascii: "\""))
    }

    mutating func appendJSONField(_ key: String, _ value: String, spaced: Bool = false) {
        appendJSONKey(key, spaced: spaced)
        appendJSONString(value)
    }

    mutating func appendJSONField(_ key: String, _ value: Int, spaced: Bool = false) {
        appendJSONKey(key, spaced: spaced)
        append(value)
    }

    mutating func appendJSONField(_ key: String, _ value: Double, places: Int, spaced: Bool = false) {
        appendJSONKey(key, spaced: spaced)
        append(value, places: places)
    }
}
