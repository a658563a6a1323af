/// The outer shape of a log file's lines, detected from its first lines.
/// Each line still falls back to its own shape when it does not fit the file's,
/// so the file's envelope mostly decides what per-line work is worth doing.
/// The raw values name the formats in the account of what was read.
package enum EnvelopeKind: String, Sendable {
    /// One JSON object per line: app loggers (pino, bunyan, ECS, zap…), Docker
    /// json-file (`log`, `stream`, `time`).
    case json
    /// `journalctl -o json`: one journal entry per line, every value a string.
    case journalJSON = "journald-json"
    /// `journalctl -o export`: `KEY=VALUE` lines (binary values length-prefixed),
    /// entries separated by a blank line; each entry is one record.
    case journalExport = "journald-export"
    /// Google Cloud Logging entries, one per line (`textPayload`/`jsonPayload`).
    case cloudLoggingJSON = "gcp-logging-json"
    /// OTLP/JSON log export requests, one per line, each holding many records.
    case otlpJSON = "otlp-json"
    /// Kubernetes CRI: `<RFC 3339> stdout|stderr F|P <message>`.
    case cri
    /// `kubectl logs --prefix`: `[pod/NAME/CONTAINER] <message>`.
    case kubectlPrefix = "kubectl-prefix"
    /// A collector's RFC 3339 time stamp before each line: `docker logs -t`,
    /// `kubectl logs --timestamps`, CI runners.
    case timestampPrefix = "timestamp-prefix"
    /// `key=value` pairs (logfmt).
    case logfmt
    /// Everything else: syslog, access logs, klog, logback, Python, Go, PostgreSQL…
    case text

    /// Whether each line says where it came from (a journal entry its unit, kubectl
    /// its pod and container, OTLP its resource): such a file gathers many sources,
    /// so its path names none of them.
    package var namesSourcePerLine: Bool {
        switch self {
        case .journalJSON, .journalExport, .cloudLoggingJSON, .otlpJSON, .kubectlPrefix: return true
        case .json, .cri, .timestampPrefix, .logfmt, .text: return false
        }
    }

    /// How many non-empty first lines decide a file's envelope.
    package static let sampleLines = 20

    /// The envelope most of `lines` have (text on a tie or when there are none).
    package static func detect(_ lines: [UnsafeBufferPointer<UInt8>]) -> EnvelopeKind {
        var votes = [EnvelopeKind: Int]()
        for line in lines where !line.isEmpty {
            votes[classify(line), default: 0] += 1
        }
        let best = votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key != .text) }
        return best?.key ?? .text
    }

    static func classify(_ line: UnsafeBufferPointer<UInt8>) -> EnvelopeKind {
        guard let first = line.first else { return .text }
        if first == UInt8(ascii: "{") {
            // An export request can be megabytes long: its start tells, before any parsing.
            if OTLPLogsRequest.looksLikeRequest(line) { return .otlpJSON }
            guard let fields = JSONRecordParser.parse(line) else { return .text }
            if JournalEntry.isEntry(fields) { return .journalJSON }
            if CloudLoggingEntry.isEntry(fields) { return .cloudLoggingJSON }
            return .json
        }
        if first == UInt8(ascii: "["), KubectlPrefix.parse(line) != nil { return .kubectlPrefix }
        if first &- 48 < 10 {
            if CRIPrefix.parse(line) != nil { return .cri }
            if TimestampPrefix.messageStart(of: line) != nil { return .timestampPrefix }
        }
        if isJournalExportField(line) { return .journalExport }
        if LogfmtParser.looksLikeLogfmt(line) { return .logfmt }
        return .text
    }

    /// `__REALTIME_TIMESTAMP=…`, `_SYSTEMD_UNIT=…`, `MESSAGE=…`: a journal field
    /// name, then `=` (or nothing: a binary value's name is a line of its own).
    /// Names are upper case; a trusted field's starts with `_`, and the others
    /// counted here are those the journal's clients write, so an upper-case logfmt
    /// key (`LEVEL=info msg=…`) is no journal field.
    static func isJournalExportField(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count, index < 64, line[index] &- 65 < 26 || line[index] &- 48 < 10 || line[index] == UInt8(ascii: "_") {
            index += 1
        }
        guard index >= 2, index == line.count || line[index] == UInt8(ascii: "=") else { return false }
        if line[0] == UInt8(ascii: "_") { return true }
        let name = UnsafeBufferPointer(rebasing: line[..<index])
        return journalClientFields.contains { name.hasBytePrefix($0) }
    }

    /// Fields (or their prefixes) that programs logging to the journal write.
    private static let journalClientFields: [StaticString] = [
        "MESSAGE", "PRIORITY", "SYSLOG_", "CODE_", "UNIT", "USER_UNIT", "INVOCATION_ID", "TID", "ERRNO",
        "CONTAINER_", "IMAGE_NAME", "JOB_", "OBJECT_", "COREDUMP_", "DOCUMENTATION",
    ]
}

/// The CRI prefix `<timestamp> <stream> <F|P> `; the message follows it.
package struct CRIPrefix {
    package var timestampEnd: Int
    package var isPartial: Bool
    package var messageStart: Int

    package static func parse(_ b: UnsafeBufferPointer<UInt8>) -> CRIPrefix? {
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
