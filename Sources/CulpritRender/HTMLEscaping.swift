/// Escaping of text placed in HTML element content and quoted attribute values.
///
/// Works on UTF-8 bytes: the five characters that matter (`& < > " '`) are
/// ASCII, so a multi-byte sequence never contains them and can be copied as is.
/// C0 control characters other than tab, newline and carriage return are not
/// allowed in HTML; log lines do carry them (ANSI colour codes, NULs), so they
/// become U+FFFD instead of reaching the page.
enum HTMLEscaping {
    /// Appends `text`, escaped, to `out`.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0D: continue
                case 0x00...0x1F, 0x7F: replacement = "\u{FFFD}"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// `text` escaped, as a string.
    static func escaped(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
