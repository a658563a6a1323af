/// Reads `HOST TAG[PID]:` after a syslog-style timestamp (RFC 3164,
/// `journalctl -o short` / `short-iso`), naming the service and host.
enum SyslogHeader {
    static func read(_ b: UnsafeBufferPointer<UInt8>, after timestampEnd: Int, into decoded: inout DecodedLine) {
        var index = timestampEnd
        guard index < b.count, b[index] == 0x20 else { return }
        index += 1
        let hostStart = index
        while index < b.count, isHostByte(b[index]) { index += 1 }
        let hostEnd = index
        guard hostEnd > hostStart, index < b.count, b[index] == 0x20 else { return }
        index += 1
        let tagStart = index
        while index < b.count, isTagByte(b[index]) { index += 1 }
        let tagEnd = index
        guard tagEnd > tagStart else { return }
        if index < b.count, b[index] == UInt8(ascii: "[") {
            index += 1
            while index < b.count, b[index] &- 48 < 10 { index += 1 }
            guard index < b.count, b[index] == UInt8(ascii: "]") else { return }
            index += 1
        }
        guard index < b.count, b[index] == UInt8(ascii: ":") else { return }
        let host = String(decoding: UnsafeBufferPointer(rebasing: b[hostStart..<hostEnd]), as: UTF8.self)
        let tag = String(decoding: UnsafeBufferPointer(rebasing: b[tagStart..<tagEnd]), as: UTF8.self)
        // A level word where a host would be means this is an app line, not syslog.
        if Severity(word: Array(host.utf8)) != nil { return }
        decoded.host = host
        decoded.service = LineDecoder.cleanServiceName(tag)
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
