import CulpritModel

/// Reads `HOST TAG[PID]:` after a syslog-style timestamp (RFC 3164,
/// `journalctl -o short` / `short-iso`), naming the service and host.
///
/// Not a header: a level word where the host would be (an app's own line), a
/// date there or a tag of digits only — the time of a line that a collector
/// stamped again (`2025-03-12T01:50:00Z 2025-03-12 02:50:00 INFO …` is no host
/// `2025-03-12` running a program `02`).
enum SyslogHeader {
    /// Names the service and host from the header; returns where the message starts
    /// (after `TAG[PID]: `), nil when no header follows the timestamp.
    @discardableResult
    static func read(_ b: UnsafeBufferPointer<UInt8>, after timestampEnd: Int, into decoded: inout DecodedLine) -> Int? {
        guard let (host, tag, colon) = parse(b, after: timestampEnd) else { return nil }
        decoded.host = String(decoding: UnsafeBufferPointer(rebasing: b[host]), as: UTF8.self)
        decoded.service = LineDecoder.cleanServiceName(String(decoding: UnsafeBufferPointer(rebasing: b[tag]), as: UTF8.self))
        var start = colon + 1
        while start < b.count, b[start] == 0x20 { start += 1 }
        return start
    }

    /// Whether a header follows the timestamp ending at `timestampEnd`.
    static func follows(_ b: UnsafeBufferPointer<UInt8>, after timestampEnd: Int) -> Bool {
        parse(b, after: timestampEnd) != nil
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, after timestampEnd: Int) -> (host: Range<Int>, tag: Range<Int>, colon: Int)? {
        var index = timestampEnd
        guard index < b.count, b[index] == 0x20 else { return nil }
        index += 1
        let hostStart = index
        while index < b.count, isHostByte(b[index]) { index += 1 }
        let hostEnd = index
        guard hostEnd > hostStart, index < b.count, b[index] == 0x20 else { return nil }
        index += 1
        let tagStart = index
        var tagHasLetter = false
        while index < b.count, isTagByte(b[index]) {
            if b[index] &- 48 >= 10 { tagHasLetter = true }
            index += 1
        }
        let tagEnd = index
        guard tagEnd > tagStart, tagHasLetter else { return nil }
        if index < b.count, b[index] == UInt8(ascii: "[") {
            index += 1
            while index < b.count, b[index] &- 48 < 10 { index += 1 }
            guard index < b.count, b[index] == UInt8(ascii: "]") else { return nil }
            index += 1
        }
        guard index < b.count, b[index] == UInt8(ascii: ":") else { return nil }
        let host = UnsafeBufferPointer(rebasing: b[hostStart..<hostEnd])
        if Severity(word: host) != nil || isDate(host) { return nil }
        return (hostStart..<hostEnd, tagStart..<tagEnd, index)
    }

    /// `2025-03-12`, `2025/03/12`: a date, not a host name.
    private static func isDate(_ host: UnsafeBufferPointer<UInt8>) -> Bool {
        guard host.count == 10, host[4] &- 48 >= 10, host[7] == host[4] else { return false }
        for index in 0..<10 where index != 4 && index != 7 && host[index] &- 48 >= 10 { return false }
        return true
    }

    @inline(__always)
    static func isHostByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || (byte | 0x20) &- 97 < 26 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isTagByte(_ byte: UInt8) -> Bool {
        isHostByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "@")
    }
}
