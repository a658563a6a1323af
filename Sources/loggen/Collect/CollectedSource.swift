/// One log file of a scenario as a collector sees it: the container, unit and
/// host that wrote it.
struct CollectedSource {
    let file: LogFile
    /// The Kubernetes pod: the file's own name when it is one
    /// (`payments-6d9f8b7c5-6nzcr.log`), else `<service>-<replica set hash>-<suffix>`.
    let pod: String
    /// The machine: the host the file's own lines name, else the one its service's
    /// host log names, else the pod when the file is one's, else `<service>-01`.
    let host: String
    /// A host's own log (syslog, `journalctl -o short-iso`): many programs, each line
    /// with its own header.
    let isHostLog: Bool
    /// The records, in time order.
    let records: [(time: LogInstant, bytes: [UInt8])]

    var service: String { file.service }
    /// Outside `logs/` (a CI job log): no collector reads it.
    var isOutsideLogs: Bool { !file.path.hasPrefix("logs/") }

    /// `hosts` names the machine of each service that has a host log.
    init(file: LogFile, hosts: [String: String]) {
        self.file = file
        records = file.records()
        let name = String(file.path.split(separator: "/").last ?? "")
        let stem = String(name.split(separator: ".").first ?? "")
        let ownPod = Self.isPodName(stem)
        if ownPod {
            pod = stem
        } else {
            var random = SplitMix64(named: file.service, salt: 0x706f64)
            pod = "\(file.service)-\(random.token(9))-\(random.token(5))"
        }
        let header = Self.hostLogHeader(of: file)
        isHostLog = header != nil
        host = header?.host ?? hosts[file.service] ?? (ownPod ? pod : file.service + "-01")
    }

    /// The header of the file's first line when the file is a host log.
    static func hostLogHeader(of file: LogFile) -> HostLogLine? {
        guard let first = file.records().first else { return nil }
        return HostLogLine(String(decoding: first.bytes.prefix { $0 != 0x0a }, as: UTF8.self))
    }

    /// Each record's lines (without their newlines) as the container wrote them:
    /// a file kubelet wrote under `/var/log/pods` loses its CRI prefix
    /// (`<time> stdout F `), which no collector passes on.
    static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        var body = bytes
        if body.last == 0x0a { body.removeLast() }
        return body.split(separator: 0x0a, omittingEmptySubsequences: false).map { withoutCRIPrefix(Array($0)) }
    }

    private static func withoutCRIPrefix(_ line: [UInt8]) -> [UInt8] {
        let fields = line.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0].count >= 20, fields[0].last == UInt8(ascii: "Z"),
              fields[1].elementsEqual("stdout".utf8) || fields[1].elementsEqual("stderr".utf8),
              fields[2].elementsEqual("F".utf8) || fields[2].elementsEqual("P".utf8) else { return line }
        return Array(fields[3])
    }

    /// `<name>-<9 or 10 character hash>-<5 character suffix>`, as a Deployment names its pods.
    static func isPodName(_ stem: String) -> Bool {
        let parts = stem.split(separator: "-")
        guard parts.count >= 3 else { return false }
        let hash = parts[parts.count - 2], suffix = parts[parts.count - 1]
        return (9...10).contains(hash.count) && suffix.count == 5
            && (hash + suffix).allSatisfy { $0.isLowercase || $0.isNumber }
    }

    /// The instant a collector stamps a line written at `time`: a fraction of a
    /// millisecond later, derived from the time and the line's place in its record
    /// so it needs no random state and lines of one record stay in order.
    static func stamp(_ time: LogInstant, line: Int) -> LogInstant {
        let mixed = UInt64(bitPattern: time.nanoseconds) &* 0x9e37_79b9_7f4a_7c15
        let delay = Int64((mixed >> 40) % 900_000) + 35_000 + Int64(line) * 1_000
        return LogInstant(nanoseconds: time.nanoseconds + delay)
    }
}

/// The header of a host log line, RFC 3164 syslog (`Mar 12 04:22:41 auth-01
/// kernel: …`) or `journalctl -o short-iso` (`2025-05-20T08:00:16+0000 billing-01
/// billing-api[19212]: …`): who wrote the message.
struct HostLogLine {
    var host: String
    var program: String
    var pid: Int?
    var message: String

    init?(_ line: String) {
        let bytes = Array(line.utf8)
        var index: Int
        if bytes.count > 16, bytes[3] == 0x20, bytes[6] == 0x20, bytes[9] == UInt8(ascii: ":"), bytes[15] == 0x20 {
            index = 16
        } else if bytes.count > 25, bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                  let space = bytes.firstIndex(of: 0x20), bytes[space - 5] == UInt8(ascii: "+") || bytes[space - 5] == UInt8(ascii: "-") {
            index = space + 1
        } else {
            return nil
        }
        guard let hostEnd = bytes[index...].firstIndex(of: 0x20) else { return nil }
        host = String(decoding: bytes[index..<hostEnd], as: UTF8.self)
        index = hostEnd + 1
        guard let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")), colon + 1 < bytes.count,
              bytes[colon + 1] == 0x20 else { return nil }
        let tag = bytes[index..<colon]
        guard !tag.contains(0x20) else { return nil }
        if let open = tag.firstIndex(of: UInt8(ascii: "[")), tag.last == UInt8(ascii: "]") {
            program = String(decoding: tag[..<open], as: UTF8.self)
            pid = Int(String(decoding: tag[(open + 1)..<(colon - 1)], as: UTF8.self))
        } else {
            program = String(decoding: tag, as: UTF8.self)
        }
        var text = Array(bytes[(colon + 2)...])
        // The kernel's own `[uptime] ` stamp is not part of a journal entry's MESSAGE.
        if program == "kernel", text.first == UInt8(ascii: "["), let close = text.firstIndex(of: UInt8(ascii: "]")),
           close + 1 < text.count, text[close + 1] == 0x20 {
            text.removeSubrange(0...(close + 1))
        }
        message = String(decoding: text, as: UTF8.self)
    }
}

/// The level an SDK or agent would attach to a record: the upper-case level word
/// its first line prints (`ERROR`, `WARN`), on OpenTelemetry's severity scale.
enum CollectedLevel: Int {
    case unspecified = 0, debug = 5, info = 9, warn = 13, error = 17, fatal = 21

    init(line: [UInt8]) {
        let text = String(decoding: line.prefix(160), as: UTF8.self)
        let words = text.split { !$0.isLetter }
        if words.contains("FATAL") || words.contains("PANIC") { self = .fatal }
        else if words.contains("ERROR") { self = .error }
        else if words.contains("WARN") || words.contains("WARNING") { self = .warn }
        else if words.contains("INFO") { self = .info }
        else if words.contains("DEBUG") { self = .debug }
        else { self = .unspecified }
    }

    /// The level as Cloud Logging's `severity` spells it.
    var text: String {
        switch self {
        case .unspecified: return "DEFAULT"
        case .debug: return "DEBUG"
        case .info: return "INFO"
        case .warn: return "WARNING"
        case .error: return "ERROR"
        case .fatal: return "CRITICAL"
        }
    }

    /// The level as OpenTelemetry's `severityText` spells it.
    var openTelemetryText: String {
        switch self {
        case .warn: return "WARN"
        case .fatal: return "FATAL"
        default: return text
        }
    }
}
