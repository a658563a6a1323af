import Foundation

/// The prefix `docker compose logs` puts before each line, `web-1  | ` (or
/// `web_1  | ` in Compose v1), after any colour codes. The name without its
/// replica number is the service.
package struct ComposePrefix {
    var service: String
    var messageStart: Int

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> ComposePrefix? {
        guard let (nameEnd, messageStart) = bounds(of: b) else { return nil }
        var name = Array(b[0..<nameEnd])
        // web-1, web_1: the replica number is not part of the service.
        if let separator = name.lastIndex(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
           separator > 0, separator < name.count - 1, name[(separator + 1)...].allSatisfy({ $0 &- 48 < 10 }) {
            name.removeSubrange(separator...)
        }
        return ComposePrefix(service: String(decoding: name, as: UTF8.self), messageStart: messageStart)
    }

    /// Where the message starts after a compose prefix, without naming the service
    /// (what the continuation rules need, for every line).
    package static func messageStart(of b: UnsafeBufferPointer<UInt8>) -> Int? { bounds(of: b)?.messageStart }

    /// The end of the prefix's name and the start of the message, nil without a prefix.
    private static func bounds(of b: UnsafeBufferPointer<UInt8>) -> (nameEnd: Int, messageStart: Int)? {
        guard let first = b.first, LevelScanner.isLetterOrDigit(first) else { return nil }
        // Most lines have no `|` where the prefix would end: one vectorised search says so.
        guard let base = b.baseAddress, memchr(base, Int32(UInt8(ascii: "|")), min(b.count, 97)) != nil else { return nil }
        var index = 0
        while index < b.count, index < 64, LevelScanner.isLetterOrDigit(b[index]) || b[index] == UInt8(ascii: "-") || b[index] == UInt8(ascii: ".") {
            index += 1
        }
        let nameEnd = index
        guard nameEnd > 0, index < b.count, b[index] == 0x20 else { return nil }
        while index < b.count, index < 96, b[index] == 0x20 { index += 1 }
        guard index < b.count, b[index] == UInt8(ascii: "|") else { return nil }
        index += 1
        if index < b.count, b[index] == 0x20 { index += 1 }
        return (nameEnd, index)
    }
}

/// Terminal colour and cursor codes (`ESC [ … letter`), which `docker compose`
/// and many dev servers write into logs: removed before anything reads the line.
package enum ANSIEscapes {
    static func contains(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, !b.isEmpty else { return false }
        return memchr(base, 0x1B, b.count) != nil
    }

    package static func stripped(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(b.count)
        var index = 0
        while index < b.count {
            if b[index] == 0x1B, index + 1 < b.count, b[index + 1] == UInt8(ascii: "[") {
                index += 2
                while index < b.count, !(b[index] >= 0x40 && b[index] <= 0x7E) { index += 1 }
                index += 1
                continue
            }
            out.append(b[index])
            index += 1
        }
        return out
    }
}
