import Foundation
import CulpritModel
import CulpritExtract

/// The message of a record's first line, without what the logger put around it:
/// the part whose wording stays the same each time the code logs it.
///
/// - JSON: the first of `LineDecoder.messageKeys` holding a string (then
///   `error`, `err`, `exception`), at the top level, else in a nested object
///   (`fields.message`), read even when the line was cut; a `log` or `MESSAGE`
///   value (Docker, journald) is a line of its own and is read again.
/// - A CRI, `kubectl logs --prefix`, leading RFC 3339 stamp (`docker logs -t`) or
///   `docker compose` prefix, and colour codes, are removed first.
/// - logfmt: the `msg=` (or `message=`) value.
/// - Text: everything up to and including the level word among the first eight
///   tokens (`WARN`, `[error]`, `level=warn`), then the header that follows it
///   (a pid, `---`, `[thread]`, a logger followed by `:` or `-`, or a `logger:`);
///   with no level word, a leading timestamp (tokens of digits, month and day
///   names) and a syslog host and tag (`web-1 sshd[42]:`). klog's header ends at
///   its first `] `.
enum MessageText {
    /// Writes the message of `line` into `out` (emptied first); returns whether
    /// the message runs to the end of `line` (then a line cut short cut it too).
    @discardableResult
    static func extract(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        let runsToEnd = append(line, into: &out, depth: 0)
        while let last = out.last, MessageTokens.isSpace(last) { out.removeLast() }
        return runsToEnd
    }

    private static func append(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], depth: Int) -> Bool {
        var start = 0
        while start < line.count, MessageTokens.isSpace(line[start]) { start += 1 }
        let line = UnsafeBufferPointer(rebasing: line[start...])
        guard let first = line.first else { return true }
        if depth < 2, let base = line.baseAddress, memchr(base, 0x1B, line.count) != nil {
            let cleaned = ANSIEscapes.stripped(line)
            return cleaned.withUnsafeBufferPointer { append($0, into: &out, depth: depth + 1) }
        }
        if first == UInt8(ascii: "{") {
            var value = [UInt8]()
            guard let found = JSONMessage.find(in: line, into: &value) else {
                out.append(contentsOf: line)
                return true
            }
            if found.kind == .wrappedLine, depth < 2 {
                return value.withUnsafeBufferPointer { append($0, into: &out, depth: depth + 1) } && found.runsToEnd
            }
            out.append(contentsOf: value)
            return found.runsToEnd
        }
        if depth < 2, first == UInt8(ascii: "["), let messageStart = KubectlPrefix.messageStart(of: line) {
            return append(UnsafeBufferPointer(rebasing: line[messageStart...]), into: &out, depth: depth + 1)
        }
        if depth < 2, first &- 48 < 10, let prefix = CRIPrefix.parse(line) {
            return append(UnsafeBufferPointer(rebasing: line[prefix.messageStart...]), into: &out, depth: depth + 1)
        }
        // A leading RFC 3339 stamp (`docker logs -t`, `kubectl logs --timestamps`): the line behind it is read again.
        if depth < 2, first &- 48 < 10, let messageStart = ContinuationView.timestampPrefixEnd(line), messageStart < line.count {
            return append(UnsafeBufferPointer(rebasing: line[messageStart...]), into: &out, depth: depth + 1)
        }
        if depth < 2, LevelScanner.isLetterOrDigit(first), let messageStart = ComposePrefix.messageStart(of: line) {
            return append(UnsafeBufferPointer(rebasing: line[messageStart...]), into: &out, depth: depth + 1)
        }
        if let value = logfmtMessage(line) {
            return appendLogfmtValue(UnsafeBufferPointer(rebasing: line[value...]), into: &out)
        }
        out.append(contentsOf: line[textMessageStart(line)...])
        return true
    }

    // MARK: logfmt

    /// Where the value of a `msg=` or `message=` pair starts, when the line is logfmt
    /// (its first token is a `key=value` pair) and has one.
    static func logfmtMessage(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = nextToken(line, from: 0), line[first.start..<first.end].contains(UInt8(ascii: "=")) else { return nil }
        return valueStart(of: msgKey, in: line) ?? valueStart(of: messageKey, in: line)
    }

    /// Where the value of `key` (which ends in `=`) starts, the key opening the line or following a space.
    private static func valueStart(of key: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index + key.count < line.count {
            if line[index] == key[0], index == 0 || line[index - 1] == 0x20, line[index..<(index + key.count)].elementsEqual(key) {
                return index + key.count
            }
            index += 1
        }
        return nil
    }

    private static let msgKey = Array("msg=".utf8)
    private static let messageKey = Array("message=".utf8)

    /// A logfmt value: a quoted string (escapes undone) or a bare word; whether it runs to the line's end.
    private static func appendLogfmtValue(_ value: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard value.first == UInt8(ascii: "\"") else {
            let word = value.prefix { $0 != 0x20 }
            out.append(contentsOf: word)
            return word.count == value.count
        }
        var index = 1
        while index < value.count, value[index] != UInt8(ascii: "\"") {
            if value[index] == UInt8(ascii: "\\"), index + 1 < value.count {
                index += 1
                out.append(value[index] == UInt8(ascii: "n") ? 0x0A : value[index])
            } else {
                out.append(value[index])
            }
            index += 1
        }
        return index >= value.count
    }

    // MARK: Text

    /// Where the message starts in a text line (see the type's documentation).
    static func textMessageStart(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        // Syslog `<PRI>`; RFC 5424 (`<PRI>1 TIME HOST APP PROCID MSGID SD MSG`) is read by fields.
        if line.count > 3, line[0] == UInt8(ascii: "<") {
            var index = 1
            while index < line.count, index < 5, line[index] &- 48 < 10 { index += 1 }
            if index > 1, index < line.count, line[index] == UInt8(ascii: ">") {
                start = index + 1
                if start + 1 < line.count, line[start] == UInt8(ascii: "1"), line[start + 1] == 0x20 {
                    var cursor = start + 2
                    for _ in 0..<6 { cursor = nextToken(line, from: cursor)?.end ?? cursor }
                    return skipBlanks(line, from: cursor)
                }
            }
        }
        if let end = klogHeaderEnd(line, from: start) { return end }
        var cursor = start
        for _ in 0..<8 {
            guard let token = nextToken(line, from: cursor) else { break }
            if isLevel(UnsafeBufferPointer(rebasing: line[token.start..<token.end])) {
                return skipBlanks(line, from: headerEnd(line, afterLevel: token.end))
            }
            cursor = token.end
        }
        cursor = start
        var sawTime = false
        for _ in 0..<6 {
            guard let token = nextToken(line, from: cursor) else { break }
            let kind = timeToken(UnsafeBufferPointer(rebasing: line[token.start..<token.end]))
            guard kind == .withDigits || (kind == .name && nextIsTime(line, after: token.end)) else { break }
            sawTime = sawTime || kind == .withDigits
            cursor = token.end
        }
        guard sawTime else { return skipBlanks(line, from: start) }
        // A syslog host and tag: `web-1 sshd[42]:` or `web-1 kernel:`; or a tag alone, `sshd[42]:`.
        if let first = nextToken(line, from: cursor) {
            if line[first.end - 1] == UInt8(ascii: ":"), first.end - first.start > 1, line[first.end - 2] == UInt8(ascii: "]") {
                return skipBlanks(line, from: first.end)
            }
            if line[first.end - 1] != UInt8(ascii: ":"), let second = nextToken(line, from: first.end),
               second.end - second.start > 1, line[second.end - 1] == UInt8(ascii: ":") {
                return skipBlanks(line, from: second.end)
            }
        }
        return skipBlanks(line, from: cursor)
    }

    /// klog, `W0312 03:15:02.123456    1 file.go:123] message`: the message after `] `.
    private static func klogHeaderEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard line.count > start + 6 else { return nil }
        let level = line[start]
        guard level == UInt8(ascii: "I") || level == UInt8(ascii: "W") || level == UInt8(ascii: "E") || level == UInt8(ascii: "F"),
              (start + 1...start + 4).allSatisfy({ line[$0] &- 48 < 10 }), line[start + 5] == 0x20 else { return nil }
        var index = start + 6
        let limit = min(line.count - 1, start + 96)
        while index < limit {
            if line[index] == UInt8(ascii: "]"), line[index + 1] == 0x20 { return skipBlanks(line, from: index + 1) }
            index += 1
        }
        return nil
    }

    /// After the level word: a pid, `---`, `[thread]` groups, and a logger followed
    /// by `:` or `-` (Spring Boot, logback), or a `logger:` (Python, Ruby's `progname:`).
    private static func headerEnd(_ line: UnsafeBufferPointer<UInt8>, afterLevel levelEnd: Int) -> Int {
        var cursor = levelEnd
        for _ in 0..<6 {
            guard let token = nextToken(line, from: cursor) else { return cursor }
            let bytes = UnsafeBufferPointer(rebasing: line[token.start..<token.end])
            if bytes.allSatisfy({ $0 &- 48 < 10 }) || isSeparator(bytes) {
                cursor = token.end
                continue
            }
            if bytes[0] == UInt8(ascii: "[") {
                // A thread name may be padded with spaces inside its brackets: `[           main]`.
                guard let close = (token.start..<min(line.count, token.start + 80)).first(where: { line[$0] == UInt8(ascii: "]") }) else {
                    return cursor
                }
                cursor = close + 1
                continue
            }
            if let next = nextToken(line, from: token.end),
               isSeparator(UnsafeBufferPointer(rebasing: line[next.start..<next.end])), nextToken(line, from: next.end) != nil {
                return next.end
            }
            if bytes.count > 1, bytes[bytes.count - 1] == UInt8(ascii: ":"), isLoggerName(bytes.dropLast()),
               nextToken(line, from: token.end) != nil {
                return token.end
            }
            return cursor
        }
        return cursor
    }

    private static func isSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= 3 && bytes.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "|") }
    }

    /// `auth.cache`, `root`, `c.e.a.SessionCache`, `app.py[12]`: a name with a `.`, `_` or `[`, or all lower case.
    private static func isLoggerName(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var marked = false
        var lower = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "[") { marked = true; continue }
            if byte &- 65 < 26 { lower = false; continue }
            guard byte &- 97 < 26 || byte &- 48 < 10 || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "-") else {
                return false
            }
        }
        return marked || lower
    }

    /// A level word as loggers write it: `WARN`, `ERROR:`, `[warn]`, `<error>`, `level=warn`, `(WARNING)`, `[WARNING][94]`.
    static func isLevel(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var word = token[...]
        var assigned = false
        for key in levelKeys where word.starts(with: key) {
            word = word.dropFirst(key.count)
            assigned = true
            break
        }
        var bracketed = false
        if let first = word.first, first == UInt8(ascii: "[") || first == UInt8(ascii: "<") || first == UInt8(ascii: "(") {
            word = word.dropFirst()
            bracketed = true
            // `[WARNING][94]` (calico): the first bracket holds the level.
            if let close = word.firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: ")") }) {
                word = word[..<close]
            }
        }
        while let last = word.last, last == UInt8(ascii: "]") || last == UInt8(ascii: ">") || last == UInt8(ascii: ")")
            || last == UInt8(ascii: ":") || last == UInt8(ascii: ",") {
            word = word.dropLast()
        }
        guard word.count >= 3, word.count <= 11, word.allSatisfy({ ($0 | 0x20) &- 97 < 26 }) else { return false }
        let upper = word.allSatisfy { $0 &- 65 < 26 }
        guard upper || bracketed || assigned else { return false }
        return Severity(word: word) != nil
    }

    private static let levelKeys = ["level=", "lvl=", "severity="].map { Array($0.utf8) }

    private enum TimeToken { case withDigits, name, other }

    /// A token of a timestamp: digits with `-:/.,+TZ` (a date, a time, an offset,
    /// epoch seconds), perhaps in brackets; or a month or day name.
    private static func timeToken(_ token: UnsafeBufferPointer<UInt8>) -> TimeToken {
        var digits = 0
        var index = 0
        var words = 0
        while index < token.count {
            let byte = token[index]
            if byte &- 48 < 10 { digits += 1; index += 1; continue }
            if (byte | 0x20) &- 97 < 26 {
                var end = index
                while end < token.count, (token[end] | 0x20) &- 97 < 26 { end += 1 }
                let word = UnsafeBufferPointer(rebasing: token[index..<end])
                guard isTimeWord(word) else { return .other }
                words += 1
                index = end
                continue
            }
            guard timePunctuation.contains(byte) else { return .other }
            index += 1
        }
        if digits > 0 { return .withDigits }
        return words > 0 ? .name : .other
    }

    private static func nextIsTime(_ line: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
        guard let next = nextToken(line, from: end) else { return false }
        return timeToken(UnsafeBufferPointer(rebasing: line[next.start..<next.end])) == .withDigits
    }

    private static let timePunctuation: Set<UInt8> = Set("-:/.,+[]()".utf8)

    /// Month and day names, and the letters a timestamp carries (`T`, `Z`, `UTC`, `AM`).
    private static func isTimeWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.count == 1 { return word[0] == UInt8(ascii: "T") || word[0] == UInt8(ascii: "Z") }
        guard word.count <= 9 else { return false }
        return timeWords.contains(String(decoding: word, as: UTF8.self).lowercased())
    }

    private static let timeWords: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "utc", "gmt", "am", "pm",
    ]

    // MARK: Tokens

    /// The next white-space-separated token at or after `start`.
    static func nextToken(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (start: Int, end: Int)? {
        var index = skipBlanks(line, from: start)
        guard index < line.count else { return nil }
        let tokenStart = index
        while index < line.count, !MessageTokens.isSpace(line[index]) { index += 1 }
        return (tokenStart, index)
    }

    private static func skipBlanks(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = min(start, line.count)
        while index < line.count, MessageTokens.isBlank(line[index]) { index += 1 }
        return index
    }
}
