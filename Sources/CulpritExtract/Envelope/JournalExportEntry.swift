import Foundation

/// One entry of `journalctl -o export`: `KEY=VALUE` lines, then a blank line.
/// A value that is not printable text on one line (it has a newline, colour
/// codes…) is binary: `KEY`, a newline, its length as a little-endian 64-bit
/// integer, that many bytes, a newline. The bytes may hold newlines and blank
/// lines of their own, so an entry is found by reading its fields, never by
/// looking for the next blank line.
///
/// A field that does not add up (a length past what a journal field can be, or
/// no newline after the bytes) is read as an ordinary line and skipped, so a
/// damaged entry costs its own fields, never the entries after it.
enum JournalExportEntry {
    /// The largest binary value taken as one: journald keeps fields far smaller.
    static let maxBinaryLength = 1 << 24

    /// Where an entry that starts at `start` ends.
    struct Extent {
        /// The newline of the last blank line after the entry (blank lines after it
        /// belong to it), or the last newline of `bytes` when the entry runs to the end.
        var end: Int
        /// Newlines in `start..<end`: the entry's lines after its first.
        var innerNewlines: Int
        /// Whether a blank line ended it (false: the bytes ran out first).
        var isComplete: Bool
    }

    /// The entry starting at `start` (a line start), nil when a blank line is there.
    static func extent(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Extent? {
        guard let base = bytes.baseAddress, start < bytes.count, bytes[start] != 0x0A else { return nil }
        var index = start
        var complete = false
        scan: while index < bytes.count {
            if bytes[index] == 0x0A {
                complete = true
                break scan
            }
            let lineEnd = memchr(base + index, 0x0A, bytes.count - index).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
            guard let lineEnd else { index = bytes.count; break scan }
            if memchr(base + index, Int32(UInt8(ascii: "=")), lineEnd - index) == nil {
                switch binaryValueEnd(in: bytes, keyLineEnd: lineEnd) {
                case .end(let valueEnd): index = valueEnd + 1; continue scan
                case .beyondBytes: index = bytes.count; break scan
                case .damaged: break
                }
            }
            index = lineEnd + 1
        }
        var end: Int
        if complete {
            end = index
            while end + 1 < bytes.count, bytes[end + 1] == 0x0A { end += 1 }
        } else {
            end = bytes.count
            while end > start, bytes[end - 1] != 0x0A { end -= 1 }
            end = end > start ? end - 1 : bytes.count
        }
        return Extent(end: end, innerNewlines: newlines(in: bytes, start..<end), isComplete: complete)
    }

    /// Where the whole entries at the start of `bytes` end: the byte after the
    /// last one's blank line, 0 when none is whole yet.
    static func wholeEntriesEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = 0
        var wholeEnd = 0
        while position < bytes.count {
            if bytes[position] == 0x0A { position += 1; wholeEnd = position; continue }
            guard let extent = extent(in: bytes, from: position), extent.isComplete else { break }
            position = extent.end + 1
            wholeEnd = position
        }
        return wholeEnd
    }

    private enum BinaryValue {
        case end(Int)
        case beyondBytes
        case damaged
    }

    /// The newline after a binary value whose key line ends at `keyLineEnd`.
    private static func binaryValueEnd(in bytes: UnsafeBufferPointer<UInt8>, keyLineEnd: Int) -> BinaryValue {
        let lengthStart = keyLineEnd + 1
        guard lengthStart + 8 <= bytes.count else { return .beyondBytes }
        var length: UInt64 = 0
        for offset in (0..<8).reversed() { length = length << 8 | UInt64(bytes[lengthStart + offset]) }
        // Compared before any arithmetic: a hostile length neither overflows nor allocates.
        guard length <= UInt64(maxBinaryLength) else { return .damaged }
        let valueEnd = lengthStart + 8 + Int(length)
        guard valueEnd < bytes.count else { return .beyondBytes }
        return bytes[valueEnd] == 0x0A ? .end(valueEnd) : .damaged
    }

    private static func newlines(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var position = range.lowerBound
        while position < range.upperBound,
              let found = memchr(base + position, 0x0A, range.upperBound - position) {
            count += 1
            position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return count
    }

    /// The entry's fields, in order (a binary value as text, invalid UTF-8 repaired).
    static func fields(of entry: UnsafeBufferPointer<UInt8>) -> RecordFields {
        var fields = RecordFields()
        forEachField(in: entry) { key, value in
            fields.entries.append((String(decoding: key, as: UTF8.self), .string(String(decoding: value, as: UTF8.self))))
        }
        return fields
    }

    /// The bytes of the entry's `MESSAGE`, without building the other fields.
    static func message(of entry: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var found: UnsafeBufferPointer<UInt8>?
        forEachField(in: entry) { key, value in
            if found == nil, key.count == 7, key.hasBytePrefix("MESSAGE") { found = value }
        }
        return found
    }

    /// Calls `body` with each field's key and value, in order, until the entry's blank line.
    private static func forEachField(in entry: UnsafeBufferPointer<UInt8>,
                                     _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = entry.baseAddress else { return }
        var index = 0
        while index < entry.count, entry[index] != 0x0A {
            let lineEnd = memchr(base + index, 0x0A, entry.count - index)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? entry.count
            if let equals = memchr(base + index, Int32(UInt8(ascii: "=")), lineEnd - index)
                .map({ UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }) {
                body(UnsafeBufferPointer(rebasing: entry[index..<equals]), UnsafeBufferPointer(rebasing: entry[(equals + 1)..<lineEnd]))
            } else if case .end(let valueEnd) = binaryValueEnd(in: entry, keyLineEnd: lineEnd) {
                body(UnsafeBufferPointer(rebasing: entry[index..<lineEnd]), UnsafeBufferPointer(rebasing: entry[(lineEnd + 9)..<valueEnd]))
                index = valueEnd + 1
                continue
            }
            index = lineEnd + 1
        }
    }
}
