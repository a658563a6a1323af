import Foundation
import CulpritModel

/// Finds a line's level in its first bytes, the way loggers write it: an
/// upper-case word (`ERROR`, `WARN`, `FATAL`), a bracketed or assigned lower-case
/// one (`[error]`, `level=error`, `<err>`), or a leading `fail:`/`crit:` (.NET).
/// The first level word wins, so a message mentioning `ERROR` after `INFO` is info.
package enum LevelScanner {
    /// How far into the line a level word may start.
    package static let window = 120

    package static func scan(_ b: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Severity? {
        let limit = min(b.count, start + window)
        var index = start
        while index < limit {
            let byte = b[index]
            guard isLetter(byte) else {
                if byte == UInt8(ascii: "\""), index > start, b[index - 1] == 0x20 || b[index - 1] == 0x09 {
                    // A quoted run opening after white space (an access log's request line,
                    // referer, user agent) carries no level: skip it whole. Quotes closing a
                    // value (`time="…Z" level=error`) or opening one (`msg="…"`) are not skipped.
                    index += 1
                    if index < limit, let base = b.baseAddress,
                       let close = memchr(base + index, Int32(UInt8(ascii: "\"")), limit - index) {
                        index = UnsafePointer<UInt8>(close.assumingMemoryBound(to: UInt8.self)) - base
                    } else {
                        index = limit
                    }
                }
                index += 1
                continue
            }
            let tokenStart = index
            var allUpper = true
            while index < b.count, isLetter(b[index]) {
                if b[index] &- 97 < 26 { allUpper = false }
                index += 1
            }
            let length = index - tokenStart
            guard length >= 3, length <= 11 else { continue }
            let before: UInt8 = tokenStart > 0 ? b[tokenStart - 1] : 0x20
            let after: UInt8 = index < b.count ? b[index] : 0x20
            if isLetterOrDigit(before) || isLetterOrDigit(after) { continue }
            let token = UnsafeBufferPointer(rebasing: b[tokenStart..<index])
            if allUpper {
                if let severity = Severity(word: token), !(length == 3 && after == UInt8(ascii: "/")) { return severity }
                continue
            }
            let bracketed = (before == UInt8(ascii: "[") && after == UInt8(ascii: "]"))
                || (before == UInt8(ascii: "<") && after == UInt8(ascii: ">"))
                || before == UInt8(ascii: "=")
                || (tokenStart == start && after == UInt8(ascii: ":"))
            if bracketed, let severity = Severity(word: token) { return severity }
        }
        return nil
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 }

    @inline(__always)
    package static func isLetterOrDigit(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 || byte &- 48 < 10 || byte == UInt8(ascii: "_") }
}
