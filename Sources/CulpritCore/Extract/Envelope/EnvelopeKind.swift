/// The outer shape of a log file's lines, detected from its first lines.
/// Each line still falls back to text when it does not fit the file's shape.
public enum EnvelopeKind: String, Sendable {
    /// One JSON object per line: app loggers (pino, bunyan, ECS, zap…), Docker
    /// json-file (`log`, `stream`, `time`), `journalctl -o json` (`MESSAGE`).
    case json
    /// Kubernetes CRI: `<RFC 3339> stdout|stderr F|P <message>`.
    case cri
    /// `key=value` pairs (logfmt).
    case logfmt
    /// Everything else: syslog, access logs, klog, logback, Python, Go, PostgreSQL…
    case text

    /// How many non-empty first lines decide a file's envelope.
    public static let sampleLines = 20

    /// The envelope most of `lines` have (text on a tie or when there are none).
    public static func detect(_ lines: [UnsafeBufferPointer<UInt8>]) -> EnvelopeKind {
        var votes = [EnvelopeKind: Int]()
        for line in lines where !line.isEmpty {
            votes[classify(line), default: 0] += 1
        }
        let best = votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key != .text) }
        return best?.key ?? .text
    }

    static func classify(_ line: UnsafeBufferPointer<UInt8>) -> EnvelopeKind {
        if line.first == UInt8(ascii: "{") { return JSONRecordParser.parse(line) != nil ? .json : .text }
        if CRIPrefix.parse(line) != nil { return .cri }
        if LogfmtParser.looksLikeLogfmt(line) { return .logfmt }
        return .text
    }
}

/// The CRI prefix `<timestamp> <stream> <F|P> `; the message follows it.
public struct CRIPrefix {
    public var timestampEnd: Int
    public var isPartial: Bool
    public var messageStart: Int

    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> CRIPrefix? {
        guard b.count >= 30, b[0] &- 48 < 10, b[4] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") else { return nil }
        var index = 11
        while index < b.count, index < 48, b[index] != 0x20 { index += 1 }
        let timestampEnd = index
        guard index + 10 <= b.count, b[index] == 0x20 else { return nil }
        index += 1
        let isStdout = b[index] == UInt8(ascii: "s") && b[index + 1] == UInt8(ascii: "t") && b[index + 2] == UInt8(ascii: "d")
            && (b[index + 3] == UInt8(ascii: "o") || b[index + 3] == UInt8(ascii: "e"))
        guard isStdout, b[index + 6] == 0x20 else { return nil }
        index += 7
        let tag = b[index]
        guard tag == UInt8(ascii: "F") || tag == UInt8(ascii: "P") else { return nil }
        // Some runtimes write extra tags (`F:x`), a space always follows.
        while index < b.count, b[index] != 0x20 { index += 1 }
        let messageStart = min(index + 1, b.count)
        return CRIPrefix(timestampEnd: timestampEnd, isPartial: tag == UInt8(ascii: "P"), messageStart: messageStart)
    }
}
