/// Parses a logfmt line (`ts=… level=error msg="…" heap_bytes=123`) into fields.
/// A line counts as logfmt when it yields at least `minimumPairs` `key=value`
/// pairs and starts with one; anything else returns nil.
package enum LogfmtParser {
    package static let minimumPairs = 3

    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordFields? {
        var fields = RecordFields()
        var index = 0
        let count = bytes.count
        while index < count {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < count else { break }
            let keyStart = index
            while index < count, isKeyByte(bytes[index]) { index += 1 }
            let keyEnd = index
            guard keyEnd > keyStart, index < count, bytes[index] == UInt8(ascii: "=") else {
                if fields.entries.count >= minimumPairs { break }
                return nil
            }
            index += 1
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd]), as: UTF8.self)
            if index < count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var value = [UInt8]()
                while index < count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < count {
                        let next = bytes[index + 1]
                        value.append(next == UInt8(ascii: "n") ? 0x0A : next == UInt8(ascii: "t") ? 0x09 : next)
                        index += 2
                    } else {
                        value.append(bytes[index]); index += 1
                    }
                }
                index += 1
                fields.entries.append((key, .string(String(decoding: value, as: UTF8.self))))
            } else {
                let valueStart = index
                while index < count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<index]), as: UTF8.self)
                fields.entries.append((key, .string(text)))
            }
        }
        return fields.entries.count >= minimumPairs ? fields : nil
    }

    /// Whether a line looks like logfmt from its first bytes: `key=` at the start.
    package static func looksLikeLogfmt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, index < 40, isKeyByte(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return false }
        return parse(UnsafeBufferPointer(rebasing: bytes.prefix(512))) != nil
    }

    @inline(__always)
    static func isKeyByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || (byte | 0x20) &- 97 < 26 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/")
    }
}
