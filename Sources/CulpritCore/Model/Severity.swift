/// A log line's level, on the syslog scale (0 = emergency … 7 = debug), so
/// "at least as severe as error" is `rawValue <= Severity.error.rawValue`.
public enum Severity: Int, Sendable, Comparable {
    case emergency = 0, alert, critical, error, warning, notice, info, debug

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue > rhs.rawValue }

    /// Parses a level word as loggers write it (`ERROR`, `err`, `fatal`, `warn`, `E` …).
    public init?(word: some Collection<UInt8>) {
        // Most words that reach here are not levels (GET, HTTP, api…): reject them
        // on their length and first letter before building any text.
        let count = word.count
        guard count >= 1, count <= 13, let first = word.first else { return nil }
        switch first | 0x20 {
        case UInt8(ascii: "e"), UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "f"), UInt8(ascii: "w"), UInt8(ascii: "n"),
             UInt8(ascii: "i"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "t"), UInt8(ascii: "v"),
             UInt8(ascii: "p"):
            break
        default:
            return nil
        }
        var lowered = [UInt8]()
        lowered.reserveCapacity(count)
        for byte in word { lowered.append(byte | 0x20) }
        switch String(decoding: lowered, as: UTF8.self) {
        case "emerg", "emergency", "panic": self = .emergency
        case "alert": self = .alert
        case "crit", "critical", "fatal", "f", "c", "severe": self = .critical
        case "err", "error", "e", "fail", "eror": self = .error
        case "warn", "warning", "w": self = .warning
        case "notice", "n": self = .notice
        case "info", "information", "informational", "i", "log", "statement", "detail": self = .info
        case "debug", "d", "dbug", "trace", "trce", "verbose", "v", "fine", "finer", "finest":
            self = .debug
        default: return nil
        }
    }

    /// pino/bunyan numeric levels: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
    public init(pinoLevel: Double) {
        switch pinoLevel {
        case 60...: self = .critical
        case 50..<60: self = .error
        case 40..<50: self = .warning
        case 30..<40: self = .info
        default: self = .debug
        }
    }
}

extension Severity {
    /// The level's usual name in output.
    public var name: String {
        switch self {
        case .emergency: return "emergency"
        case .alert: return "alert"
        case .critical: return "critical"
        case .error: return "error"
        case .warning: return "warning"
        case .notice: return "notice"
        case .info: return "info"
        case .debug: return "debug"
        }
    }
}
