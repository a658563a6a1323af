import Foundation

/// The lines of a byte buffer, split at LF with a CR before it dropped, so a
/// CRLF file reads like an LF one. Splitting bytes, not a `String`, matters:
/// in Swift `"\r\n"` is one `Character`, and a `String` split on `"\n"` never
/// splits a CRLF file at all.
struct ByteLines: Sequence, IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var start = 0
    private var number = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next line's 1-based number and its bytes without the line end.
    mutating func next() -> (number: Int, range: Range<Int>)? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        number += 1
        // memchr: the C library's byte search, word-at-a-time where a Swift loop goes byte by byte.
        let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
        var contentEnd = end
        if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        defer { start = end + 1 }
        return (number, start..<contentEnd)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether every byte is a space, tab, CR or LF.
    var isBlank: Bool { allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A } }
}
