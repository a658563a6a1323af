import CulpritModel

/// Android logcat's level letter, in the output formats `adb logcat` writes
/// (Android developer documentation, "Logcat command-line tool", `-v` formats):
///
/// - `threadtime` (the default): `12-01 20:38:54.123  1234  5678 E ActivityManager: …`
/// - `time`: `12-01 20:38:54.123 E/ActivityManager( 1234): …`
/// - `brief`: `E/ActivityManager( 1234): …`
///
/// Letters: V verbose, D debug, I info, W warn, E error, F fatal, A assert.
enum LogcatHeader {
    /// The level after a `MM-DD HH:MM:SS.mmm` time that ends at `timestampEnd`
    /// (`threadtime`'s `PID TID L` or `time`'s `L/Tag(PID)`), nil when none follows.
    static func severity(_ b: UnsafeBufferPointer<UInt8>, after timestampEnd: Int) -> Severity? {
        var index = timestampEnd
        guard index < b.count, b[index] == 0x20 else { return nil }
        while index < b.count, b[index] == 0x20 { index += 1 }
        guard index < b.count else { return nil }
        if b[index] &- 48 < 10 {
            // threadtime: PID, TID, then the letter alone.
            for _ in 0..<2 {
                let digitsStart = index
                while index < b.count, b[index] &- 48 < 10 { index += 1 }
                guard index > digitsStart, index < b.count, b[index] == 0x20 else { return nil }
                while index < b.count, b[index] == 0x20 { index += 1 }
            }
            guard index + 1 < b.count, b[index + 1] == 0x20 else { return nil }
            return level(b[index])
        }
        return taggedSeverity(b, at: index)
    }

    /// `L/Tag( PID):` starting at `index` (`brief`, and `time` after its stamp).
    static func taggedSeverity(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> Severity? {
        guard index + 3 < b.count, b[index + 1] == UInt8(ascii: "/"), let severity = level(b[index]) else { return nil }
        // The tag runs to `(`, then the PID (right-aligned with spaces) and `):`.
        var cursor = index + 2
        let limit = min(b.count, index + 2 + maxTagLength)
        while cursor < limit, b[cursor] != UInt8(ascii: "(") { cursor += 1 }
        guard cursor > index + 2, cursor < limit else { return nil }
        cursor += 1
        while cursor < b.count, b[cursor] == 0x20 { cursor += 1 }
        let digitsStart = cursor
        while cursor < b.count, b[cursor] &- 48 < 10 { cursor += 1 }
        guard cursor > digitsStart, cursor + 1 < b.count, b[cursor] == UInt8(ascii: ")"), b[cursor + 1] == UInt8(ascii: ":") else {
            return nil
        }
        return severity
    }

    /// Tags are short names (Android limits them to 23 characters before API 26).
    static let maxTagLength = 64

    static func level(_ letter: UInt8) -> Severity? {
        switch letter {
        case UInt8(ascii: "V"), UInt8(ascii: "D"): return .debug
        case UInt8(ascii: "I"): return .info
        case UInt8(ascii: "W"): return .warning
        case UInt8(ascii: "E"): return .error
        case UInt8(ascii: "F"), UInt8(ascii: "A"): return .critical
        default: return nil
        }
    }
}
