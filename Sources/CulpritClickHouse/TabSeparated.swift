/// ClickHouse's `TabSeparated` format: fields split by tab, rows by newline,
/// with `\\`, `\t`, `\n` (and `\b`, `\f`, `\r`, `\0`, `\'`) escaped and `\N` for NULL.
enum TabSeparated {
    /// Appends `text` escaped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "0"))
                default: out.append(byte)
                }
            }
        }
    }

    /// The rows of `body`, each a list of its fields unescaped (nil for `\N`).
    /// Throws when a row has not `width` fields.
    static func rows(_ body: [UInt8], width: Int) throws(TabSeparatedError) -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field: [UInt8] = []
        var isNull = false
        var index = 0
        var lineNumber = 1
        func endField() {
            row.append(isNull && field.isEmpty ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            isNull = false
        }
        while index < body.count {
            let byte = body[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\t"):
                endField()
            case UInt8(ascii: "\n"):
                endField()
                guard row.count == width else { throw TabSeparatedError(row: lineNumber, fields: row.count, expected: width) }
                rows.append(row)
                row.removeAll(keepingCapacity: true)
                lineNumber += 1
            case UInt8(ascii: "\\"):
                guard index < body.count else { field.append(byte); continue }
                let escaped = body[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "b"): field.append(0x08)
                case UInt8(ascii: "f"): field.append(0x0C)
                case UInt8(ascii: "0"): field.append(0)
                case UInt8(ascii: "N") where field.isEmpty: isNull = true
                default: field.append(escaped)
                }
            default:
                field.append(byte)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            endField()
            guard row.count == width else { throw TabSeparatedError(row: lineNumber, fields: row.count, expected: width) }
            rows.append(row)
        }
        return rows
    }
}

/// A row of a `TabSeparated` answer with the wrong number of fields.
struct TabSeparatedError: Error, CustomStringConvertible {
    var row: Int
    var fields: Int
    var expected: Int
    var description: String { "row \(row) has \(fields) fields, expected \(expected)" }
}
