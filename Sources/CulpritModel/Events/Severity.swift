/// A log line's level, on the syslog scale (0 = emergency … 7 = debug), so
/// "at least as severe as error" is `rawValue <= Severity.error.rawValue`.
public enum Severity: Int, Sendable, Comparable {
    case emergency = 0, alert, critical, error, warning, notice, info, debug

    /// More severe first.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue > rhs.rawValue }

    /// Parses a level word as loggers write it (`ERROR`, `err`, `fatal`, `warn`, `E` …),
    /// by packing its lower-cased bytes into an integer: no text is built per word.
    /// Inlinable, with the table it reads, because the decoders in `CulpritExtract`
    /// call it for every line: across modules the generic would run unspecialised.
    @inlinable
    public init?(word: some Collection<UInt8>) {
        let count = word.count
        guard count >= 1, count <= 13 else { return nil }
        var key: UInt64 = 0
        var index = 0
        for byte in word {
            if index < 8 { key |= UInt64(byte | 0x20) << UInt64(8 * index) }
            index += 1
        }
        // Words longer than 8 bytes share their first 8 with a shorter entry only by
        // length-specific keys: fold the length in above the packed bytes' range.
        if count > 8 { key ^= UInt64(count) << 59 }
        guard let severity = Self.words.lookup(key) else { return nil }
        self = severity
    }

    /// Level words by packed key, in an open-addressed table with a multiplicative
    /// hash: a lookup per upper-case word of every line must not cost a SipHash.
    @usableFromInline
    struct WordTable: Sendable {
        @usableFromInline static let bits = 7
        @usableFromInline var keys = [UInt64](repeating: 0, count: 1 << bits)
        @usableFromInline var values = [Severity](repeating: .info, count: 1 << bits)

        init(_ entries: [UInt64: Severity]) {
            precondition(entries.count < (1 << Self.bits) / 2, "level word table too full")
            for (key, value) in entries {
                var slot = Self.slot(key)
                while keys[slot] != 0 { slot = (slot + 1) & ((1 << Self.bits) - 1) }
                keys[slot] = key
                values[slot] = value
            }
        }

        @inlinable @inline(__always)
        static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits)) }

        /// The severity of `key` (never 0: words have at least one byte).
        @inlinable @inline(__always)
        func lookup(_ key: UInt64) -> Severity? {
            var slot = Self.slot(key)
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & ((1 << Self.bits) - 1)
            }
        }
    }

    @usableFromInline static let words = WordTable({
        let table: [(String, Severity)] = [
            ("emerg", .emergency), ("emergency", .emergency), ("panic", .emergency), ("alert", .alert),
            ("crit", .critical), ("critical", .critical), ("fatal", .critical), ("f", .critical), ("c", .critical), ("severe", .critical),
            ("err", .error), ("error", .error), ("e", .error), ("fail", .error), ("eror", .error),
            ("warn", .warning), ("warning", .warning), ("w", .warning), ("notice", .notice), ("n", .notice),
            ("info", .info), ("information", .info), ("informational", .info), ("i", .info), ("log", .info),
            ("statement", .info), ("detail", .info),
            ("debug", .debug), ("d", .debug), ("dbug", .debug), ("trace", .debug), ("trce", .debug), ("verbose", .debug),
            ("v", .debug), ("fine", .debug), ("finer", .debug), ("finest", .debug),
        ]
        var words = [UInt64: Severity]()
        for (word, severity) in table {
            var key: UInt64 = 0
            for (index, byte) in word.utf8.enumerated() where index < 8 { key |= UInt64(byte) << UInt64(8 * index) }
            if word.utf8.count > 8 { key ^= UInt64(word.utf8.count) << 59 }
            words[key] = severity
        }
        return words
    }())

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
