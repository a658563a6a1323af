/// Decides which lines continue the record above them, so a multi-line record
/// (Java stack trace, Python traceback, Go crash dump, Node's heap-limit report,
/// a .NET exception, Helm's release block) becomes one event.
///
/// Rules, applied to a line's message (its envelope already peeled):
/// - a line starting with white space, `Caused by:`, `Suppressed:` or `... N more`,
///   or a qualified exception class (`java.lang.IllegalStateException: …`);
/// - `Traceback (most recent call last):`, and in a traceback its indented
///   lines, chaining lines and the final `SomeError: …` line;
/// - after `fatal error:`, `panic:`, `runtime: …`, `goroutine N [` or Node's
///   `<--- Last few GCs --->` / `FATAL ERROR:`, every line up to the next one that
///   starts with a digit or `{` (a new timestamped or JSON record);
/// - after `Release "x" has been …` or `NAME: x`, the `UPPER CASE KEY: value` lines.
package struct ContinuationRules {
    enum Mode {
        case normal
        case traceback(sawException: Bool)
        case crashDump
        case keyBlock
    }

    var mode: Mode = .normal

    package init() {}

    /// The most lines one record may join; a longer run starts a new record.
    package static let maxLines = 400

    /// Called with the first line of each new record.
    package mutating func begin(_ m: UnsafeBufferPointer<UInt8>) {
        if Self.hasPrefix(m, "Traceback (most recent call last)") {
            mode = .traceback(sawException: false)
        } else if Self.hasPrefix(m, "fatal error:") || Self.hasPrefix(m, "panic:") || Self.hasPrefix(m, "runtime: ")
                    || Self.hasPrefix(m, "goroutine ") || Self.hasPrefix(m, "<--- Last few GCs") || Self.hasPrefix(m, "FATAL ERROR:")
                    || Self.hasPrefix(m, "SIGSEGV") || Self.hasPrefix(m, "SIGABRT") {
            mode = .crashDump
        } else if Self.hasPrefix(m, "Release \"") || Self.hasPrefix(m, "NAME:") {
            mode = .keyBlock
        } else {
            mode = .normal
        }
    }

    /// Whether `m` continues the open record.
    package mutating func continues(_ m: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = m.first else {
            switch mode {
            case .traceback, .crashDump: return true
            default: return false
            }
        }
        switch mode {
        case .crashDump:
            return !(first &- 48 < 10 || first == UInt8(ascii: "{"))
        case .keyBlock:
            return Self.isUpperCaseKeyLine(m)
        case .traceback(let sawException):
            if first == 0x20 || first == 0x09 { return true }
            if Self.hasPrefix(m, "During handling") || Self.hasPrefix(m, "The above exception") {
                mode = .traceback(sawException: false)
                return true
            }
            if Self.hasPrefix(m, "Traceback (most recent call last)") {
                mode = .traceback(sawException: false)
                return true
            }
            if !sawException, Self.isExceptionLine(m, requireQualified: false) {
                mode = .traceback(sawException: true)
                return true
            }
            mode = .normal
            return false
        case .normal:
            if first == 0x20 || first == 0x09 { return true }
            if Self.hasPrefix(m, "Traceback (most recent call last)") {
                mode = .traceback(sawException: false)
                return true
            }
            if Self.hasPrefix(m, "Caused by:") || Self.hasPrefix(m, "Suppressed:") || Self.hasPrefix(m, "... ") {
                return true
            }
            if Self.hasPrefix(m, "<--- ") || Self.hasPrefix(m, "FATAL ERROR:") {
                mode = .crashDump
                return true
            }
            return Self.isExceptionLine(m, requireQualified: true)
        }
    }

    /// `java.lang.IllegalStateException: …`, `MemoryError`, `ValueError: bad` (the
    /// unqualified forms only inside a traceback).
    static func isExceptionLine(_ m: UnsafeBufferPointer<UInt8>, requireQualified: Bool) -> Bool {
        // A class name starts with a letter or `_`: lines starting with a digit (times,
        // addresses) are ruled out at once.
        guard let first = m.first, LevelScanner.isLetter(first) || first == UInt8(ascii: "_") else { return false }
        var index = 0
        var dots = 0
        while index < m.count {
            let byte = m[index]
            if byte == UInt8(ascii: ".") { dots += 1 } else if !(LevelScanner.isLetterOrDigit(byte) || byte == UInt8(ascii: "$")) { break }
            index += 1
        }
        guard index > 0, index == m.count || m[index] == UInt8(ascii: ":") else { return false }
        if requireQualified, dots == 0 { return false }
        let name = UnsafeBufferPointer(rebasing: m[..<index])
        return endsWith(name, "Exception") || endsWith(name, "Error") || endsWith(name, "Throwable")
            || endsWith(name, "Exit") || endsWith(name, "Interrupt") || (!requireQualified && endsWith(name, "Warning"))
    }

    static func isUpperCaseKeyLine(_ m: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < m.count, index < 32, m[index] &- 65 < 26 || m[index] == 0x20 { index += 1 }
        return index >= 2 && index < m.count && m[index] == UInt8(ascii: ":")
    }

    @inline(__always)
    static func hasPrefix(_ m: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard m.count >= count else { return false }
        let bytes = prefix.utf8Start
        for index in 0..<count where m[index] != bytes[index] { return false }
        return true
    }

    static func endsWith(_ m: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard m.count >= count else { return false }
        let bytes = suffix.utf8Start
        let offset = m.count - count
        for index in 0..<count where m[offset + index] != bytes[index] { return false }
        return true
    }
}
