import CulpritModel

/// Unwraps one line's envelope into a `DecodedLine`: JSON (app loggers, Docker
/// json-file, journald, Cloud Logging, OTLP), `journalctl -o export` entries, CRI,
/// `kubectl logs --prefix`, a collector's leading time stamp (`docker logs -t`),
/// `docker compose` prefixes, logfmt or text.
///
/// A message carried inside a wrapper is decoded again, so a pino line inside a CRI
/// or `docker logs -t` line is understood. The wrapper's time wins over the
/// message's own: the collector stamped the line in UTC when it received it, while
/// the message's time is often local and without an offset (read in `--tz`, it
/// would move every event by the zone's offset). The message's level, service and
/// host come first; the wrapper's fill in what the message does not say.
package struct LineDecoder {
    package let timestamps: TimestampParser

    package init(timestamps: TimestampParser) { self.timestamps = timestamps }

    /// How many envelopes deep a line is unwrapped (`kubectl --prefix --timestamps`
    /// around a Docker JSON line is three); deeper text is taken as it is.
    static let maxDepth = 3

    // Keys, in priority order, that loggers use for each meaning.
    package static let messageKeys = ["msg", "message", "MESSAGE", "log", "@m", "@message", "text", "event", "body", "Body"]
    static let timeKeys = ["time", "ts", "timestamp", "@timestamp", "__REALTIME_TIMESTAMP", "@t", "datetime", "date", "t",
                           "eventTime", "time_local", "asctime", "Timestamp", "lastTimestamp", "firstTimestamp", "metadata.creationTimestamp"]
    static let levelKeys = ["level", "lvl", "severity", "log.level", "levelname", "PRIORITY", "loglevel", "@l", "level_name",
                            "severity_text", "SeverityText", "LEVEL", "Level", "type"]
    static let serviceKeys = ["service", "service.name", "app", "application", "app_name", "appname", "SYSLOG_IDENTIFIER",
                              "_SYSTEMD_UNIT", "component", "kubernetes.container_name", "container_name", "resource.service.name",
                              "involvedObject.name", "logger_name_service", "name"]
    static let hostKeys = ["host", "hostname", "host.name", "_HOSTNAME", "kubernetes.pod_name", "pod", "instance"]
    static let versionKeys = ["version", "service.version", "app_version", "appVersion", "build.version"]
    /// Message keys whose value is itself a whole log line to decode again.
    package static let wrappedMessageKeys: Set<String> = ["log", "MESSAGE"]
    /// Keys of the error a structured record carries beside its message.
    static let errorKeys = ["error", "err", "err.message", "error.message", "exception", "exc_info", "error_message", "errorMessage"]

    /// Decodes `line` given the file's envelope. With `borrowingText`, a plain text
    /// line's message is left uncopied (`messageIsLine`): the caller still has the line.
    /// A line holding several records (an OTLP export request) decodes as its last;
    /// `decodeRecords` gives them all.
    package func decode(_ line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind, depth: Int = 0, borrowingText: Bool = false) -> DecodedLine {
        // Before colour codes are stripped: a binary value's length counts its escape bytes.
        if envelope == .journalExport { return JournalEntry.decode(JournalExportEntry.fields(of: line), with: self, depth: depth) }
        if depth < Self.maxDepth, ANSIEscapes.contains(line) {
            var cleaned = ANSIEscapes.stripped(line)
            return cleaned.withUnsafeMutableBufferPointer { decode(UnsafeBufferPointer($0), envelope: envelope, depth: depth + 1) }
        }
        guard let first = line.first else { return decodeText(line, copyMessage: !borrowingText) }
        if first == UInt8(ascii: "["), depth < Self.maxDepth, let prefix = KubectlPrefix.parse(line) {
            return decodeKubectl(line, prefix: prefix, depth: depth)
        }
        if depth < Self.maxDepth, LevelScanner.isLetterOrDigit(first), let prefix = ComposePrefix.parse(line) {
            var decoded = decode(UnsafeBufferPointer(rebasing: line[prefix.messageStart...]), envelope: .text, depth: depth + 1)
            if decoded.service == nil { decoded.service = prefix.service }
            return decoded
        }
        if first == UInt8(ascii: "{") {
            if envelope == .otlpJSON || OTLPLogsRequest.looksLikeRequest(line),
               let last = OTLPLogsRequest.records(of: line, with: self, depth: depth)?.last {
                return last
            }
            if let fields = JSONRecordParser.parse(line) { return decodeStructured(fields, depth: depth, raw: line) }
        }
        if first &- 48 < 10 {
            if let prefix = CRIPrefix.parse(line) { return decodeCRI(line, prefix: prefix, depth: depth) }
            if depth < Self.maxDepth, let start = TimestampPrefix.messageStart(of: line),
               let stamp = timestamps.parseISO(line, at: 0), stamp.end == start - 1 {
                return decodeStamped(line, time: stamp.micros, messageStart: start, depth: depth)
            }
        }
        if envelope == .logfmt, let fields = LogfmtParser.parse(line) {
            var decoded = decodeStructured(fields, depth: depth, raw: line)
            decoded.message = Array(line)
            return decoded
        }
        return decodeText(line, copyMessage: !borrowingText)
    }

    /// Every record of `line`: several for an OTLP export request, else the one `decode` gives.
    package func decodeRecords(_ line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind) -> [DecodedLine] {
        if envelope == .otlpJSON || OTLPLogsRequest.looksLikeRequest(line),
           let records = OTLPLogsRequest.records(of: line, with: self, depth: 0) {
            return records
        }
        return [decode(line, envelope: envelope)]
    }

    func decodeCRI(_ line: UnsafeBufferPointer<UInt8>, prefix: CRIPrefix, depth: Int) -> DecodedLine {
        let inner = UnsafeBufferPointer(rebasing: line[prefix.messageStart...])
        var decoded = depth < Self.maxDepth ? decode(inner, envelope: .text, depth: depth + 1) : DecodedLine(message: Array(inner))
        if let time = timestamps.parseISO(line, at: 0)?.micros { decoded.time = time }
        decoded.isPartial = prefix.isPartial
        return decoded
    }

    /// `docker logs -t`, `kubectl logs --timestamps`: the stamp's time, the line after it.
    func decodeStamped(_ line: UnsafeBufferPointer<UInt8>, time: Int64, messageStart: Int, depth: Int) -> DecodedLine {
        var decoded = decode(UnsafeBufferPointer(rebasing: line[messageStart...]), envelope: .text, depth: depth + 1)
        decoded.time = time
        return decoded
    }

    /// `kubectl logs --prefix`: the container names the service (the pod's workload
    /// when kubectl left the container out), the pod the host.
    func decodeKubectl(_ line: UnsafeBufferPointer<UInt8>, prefix: KubectlPrefix, depth: Int) -> DecodedLine {
        var decoded = decode(UnsafeBufferPointer(rebasing: line[prefix.messageStart...]), envelope: .text, depth: depth + 1)
        let pod = String(decoding: UnsafeBufferPointer(rebasing: line[prefix.pod]), as: UTF8.self)
        if decoded.service == nil {
            decoded.service = prefix.container.isEmpty
                ? ServiceNaming.workload(ofPod: pod)
                : String(decoding: UnsafeBufferPointer(rebasing: line[prefix.container]), as: UTF8.self)
        }
        if decoded.host == nil { decoded.host = pod }
        return decoded
    }

    func decodeStructured(_ fields: RecordFields, depth: Int, raw: UnsafeBufferPointer<UInt8>) -> DecodedLine {
        if JournalEntry.isEntry(fields) { return JournalEntry.decode(fields, with: self, depth: depth) }
        if CloudLoggingEntry.isEntry(fields) { return CloudLoggingEntry.decode(fields, with: self, depth: depth) }
        var messageKey: String?
        var messageText = ""
        for key in Self.messageKeys {
            if case .string(let text)? = fields[key] {
                messageKey = key
                messageText = text
                break
            }
        }
        var decoded: DecodedLine
        let wrapsLine = messageKey.map(Self.wrappedMessageKeys.contains) == true && depth < Self.maxDepth
        if wrapsLine {
            var inner = Array(messageText.utf8)
            while let last = inner.last, last == 0x0A || last == 0x0D { inner.removeLast() }
            decoded = inner.withUnsafeBufferPointer { decode($0, envelope: .text, depth: depth + 1) }
            // The outer record's own fields (Docker's time and stream) fill what the inner line lacks;
            // its time wins (see the type's description).
        } else {
            decoded = DecodedLine(message: Array(messageText.utf8))
            // The error a structured logger attaches (zap's `error`, pino's `err.message`,
            // structlog's `exception`) is part of what the record says: the patterns see it.
            if let value = fields.first(of: Self.errorKeys), case .string(let text) = value, !text.isEmpty,
               !messageText.contains(text) {
                if !decoded.message.isEmpty { decoded.message.append(contentsOf: ": ".utf8) }
                decoded.message.append(contentsOf: text.utf8)
            }
        }
        if decoded.time == nil || wrapsLine, let value = fields.first(of: Self.timeKeys), let time = time(from: value) {
            decoded.time = time
        }
        if decoded.severity == nil, let value = fields.first(of: Self.levelKeys) { decoded.severity = severity(from: value, fields: fields) }
        if decoded.service == nil, let value = fields.first(of: Self.serviceKeys), case .string(let text) = value, !text.isEmpty {
            decoded.service = Self.cleanServiceName(text)
        }
        if decoded.host == nil, let value = fields.first(of: Self.hostKeys), case .string(let text) = value, !text.isEmpty {
            decoded.host = text
        }
        if decoded.version == nil, let value = fields.first(of: Self.versionKeys) {
            let text = value.text
            if !text.isEmpty, text != "null" { decoded.version = text }
        }
        decoded.fields.entries = fields.entries + decoded.fields.entries
        if messageKey == nil { decoded.message = Array(raw) }
        return decoded
    }

    /// `_SYSTEMD_UNIT=auth.service` names the service `auth`; `auth@2.service` too.
    static func cleanServiceName(_ text: String) -> String {
        var name = Substring(text)
        for suffix in [".service", ".scope", ".socket"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        return String(name)
    }

    func time(from value: FieldValue) -> Int64? {
        switch value {
        case .number(let number):
            return TimestampParser.micros(fromEpoch: number)
        case .string(let text):
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                let view = UnsafeBufferPointer(buffer)
                if let digits = TimestampParser.micros(fromEpochDigits: view) { return digits }
                return timestamps.parse(view, at: 0)?.micros
            }
        default:
            return nil
        }
    }

    func severity(from value: FieldValue, fields: RecordFields) -> Severity? {
        switch value {
        case .number(let number):
            // journald PRIORITY and syslog severities are 0…7; pino/bunyan use 10…60.
            // Anything else (negative, fractional, 1e300) is no level at all.
            guard let level = Int(exactly: number), level >= 0 else { return nil }
            if level <= 7 { return Severity(rawValue: level) }
            return Severity(pinoLevel: number)
        case .string(let text):
            if let number = Int(text) {
                guard number >= 0 else { return nil }
                return number <= 7 ? Severity(rawValue: number) : Severity(pinoLevel: Double(number))
            }
            return Severity(word: Array(text.utf8))
        default:
            return nil
        }
    }

    // MARK: - Text

    func decodeText(_ line: UnsafeBufferPointer<UInt8>, copyMessage: Bool = true) -> DecodedLine {
        var decoded = DecodedLine(message: copyMessage ? Array(line) : [])
        decoded.messageIsLine = !copyMessage
        var start = 0
        // Syslog priority `<PRI>`: severity is PRI mod 8.
        if line.count > 3, line[0] == UInt8(ascii: "<") {
            var pri = 0
            var index = 1
            while index < line.count, index < 5, line[index] &- 48 < 10 { pri = pri * 10 + Int(line[index] - 48); index += 1 }
            if index > 1, index < line.count, line[index] == UInt8(ascii: ">") {
                decoded.severity = Severity(rawValue: pri & 7)
                start = index + 1
                if start + 2 < line.count, line[start] == UInt8(ascii: "1"), line[start + 1] == 0x20 {
                    if let messageStart = decodeRFC5424(line, from: start + 2, into: &decoded),
                       let embedded = decodeEmbeddedJSON(line, from: messageStart, around: decoded) {
                        return embedded
                    }
                    return decoded
                }
            }
        }
        // klog: `E0312 03:15:02.123456 …`; Ruby Logger: `E, [2025-03-12T…`.
        if line.count > 14, start == 0 {
            if let severity = Self.klogSeverity(line, at: 0), let parsed = timestamps.parseKlog(line, at: 1) {
                decoded.time = parsed.micros
                decoded.severity = severity
                return decoded
            }
            if line[1] == UInt8(ascii: ","), line[2] == 0x20, line[3] == UInt8(ascii: "["), let severity = Severity(word: line[0..<1]) {
                decoded.severity = severity
                decoded.time = timestamps.parse(line, at: 4)?.micros
                return decoded
            }
        }
        let rest = UnsafeBufferPointer(rebasing: line[start...])
        if let found = timestamps.find(in: rest, window: 128) {
            decoded.time = found.micros
            if decoded.severity == nil {
                // After the timestamp first; then only the part before it (already scanned after).
                decoded.severity = (found.start == 0 ? LogcatHeader.severity(rest, after: found.end) : nil)
                    ?? LevelScanner.scan(rest, from: found.end)
                    ?? (found.start > 0 ? LevelScanner.scan(UnsafeBufferPointer(rebasing: rest[..<found.start]), from: 0) : nil)
            }
            if found.start <= 1, let messageStart = SyslogHeader.read(rest, after: found.end, into: &decoded) {
                if let embedded = decodeEmbeddedJSON(rest, from: messageStart, around: decoded) { return embedded }
                // A klog line behind the header (a Go service under systemd or rsyslog): its
                // level letter is the record's level, unless a <PRI> already said one.
                if start == 0, let severity = Self.klogSeverity(rest, at: messageStart) { decoded.severity = severity }
            }
        } else if decoded.severity == nil {
            decoded.severity = LogcatHeader.taggedSeverity(rest, at: 0) ?? LevelScanner.scan(rest, from: 0)
        }
        return decoded
    }

    /// The level of a klog header (`W0630 22:32:57.190708 …`: a level letter,
    /// month and day, a space, then the time) starting at `start`; nil for anything else.
    static func klogSeverity(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Severity? {
        guard start >= 0, line.count - start > 14 else { return nil }
        let first = line[start]
        guard first == UInt8(ascii: "E") || first == UInt8(ascii: "W") || first == UInt8(ascii: "I") || first == UInt8(ascii: "F"),
              line[start + 1] &- 48 < 2, line[start + 2] &- 48 < 10, line[start + 3] &- 48 < 4, line[start + 4] &- 48 < 10,
              line[start + 5] == 0x20, line[start + 6] &- 48 < 3, line[start + 7] &- 48 < 10, line[start + 8] == UInt8(ascii: ":") else { return nil }
        return Severity(word: line[start..<(start + 1)])
    }

    /// A JSON record behind a syslog header (`app[42]: {"level":30,…}`, as rsyslog
    /// and journald forward an app's JSON lines): decoded as JSON, the header's time,
    /// host and tag filling what the record does not say. The record's own time wins:
    /// JSON loggers write an epoch or an offset, the header a year-less local time.
    func decodeEmbeddedJSON(_ line: UnsafeBufferPointer<UInt8>, from start: Int, around outer: DecodedLine) -> DecodedLine? {
        guard start < line.count, line[start] == UInt8(ascii: "{") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: line[start...])
        guard let fields = JSONRecordParser.parse(inner) else { return nil }
        var decoded = decodeStructured(fields, depth: Self.maxDepth - 1, raw: inner)
        if decoded.time == nil { decoded.time = outer.time }
        if decoded.severity == nil { decoded.severity = outer.severity }
        if decoded.service == nil { decoded.service = outer.service }
        if decoded.host == nil { decoded.host = outer.host }
        if decoded.version == nil { decoded.version = outer.version }
        return decoded
    }

    /// RFC 5424 after `<PRI>1 `: `TIMESTAMP HOST APP PROCID MSGID SD MSG`.
    /// Returns where MSG starts (after the structured data and a UTF-8 BOM), nil when
    /// the header is short.
    @discardableResult
    func decodeRFC5424(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into decoded: inout DecodedLine) -> Int? {
        var fields: [Range<Int>] = []
        var index = start
        while fields.count < 5, index < line.count {
            let fieldStart = index
            while index < line.count, line[index] != 0x20 { index += 1 }
            fields.append(fieldStart..<index)
            index += 1
        }
        guard fields.count == 5 else { return nil }
        decoded.time = timestamps.parseISO(line, at: fields[0].lowerBound)?.micros
        func text(_ range: Range<Int>) -> String? {
            let value = String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
            return value == "-" || value.isEmpty ? nil : value
        }
        decoded.host = text(fields[1])
        decoded.service = text(fields[2])
        // STRUCTURED-DATA: `-` or `[id k="v" …]…` (a `]` inside a value is escaped).
        guard index < line.count else { return nil }
        if line[index] == UInt8(ascii: "-") {
            index += 1
        } else {
            while index < line.count, line[index] == UInt8(ascii: "[") {
                index += 1
                while index < line.count, line[index] != UInt8(ascii: "]") {
                    index += line[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                index += 1
            }
        }
        while index < line.count, line[index] == 0x20 { index += 1 }
        if index + 2 < line.count, line[index] == 0xEF, line[index + 1] == 0xBB, line[index + 2] == 0xBF { index += 3 }
        return index
    }
}
