import CulpritExtract

/// The message of a JSON log line, found by walking the object's top-level keys
/// without building it: an excerpt is cut at `LogEvent.excerptLimit` bytes, so
/// the object is often unterminated, and a cut string value is still read up to
/// the cut.
enum JSONMessage {
    /// What the value found is.
    enum Kind {
        /// The record's message.
        case message
        /// A whole log line carried inside (Docker's `log`, journald's `MESSAGE`).
        case wrappedLine
    }

    /// The value found: its kind, and whether it was cut (no closing quote).
    struct Found {
        var kind: Kind
        var runsToEnd: Bool
    }

    /// Keys in priority order: the decoder's message keys, then error texts.
    static let keys: [[UInt8]] = (LineDecoder.messageKeys + ["error", "err", "exception"]).map { Array($0.utf8) }
    static let wrapped: Set<[UInt8]> = Set(LineDecoder.wrappedMessageKeys.map { Array($0.utf8) })

    /// How deep nested objects are searched (`{"fields":{"message":…}}`, tracing's JSON).
    static let maxDepth = 3

    /// A message value seen: its rank (top-level keys first, then by key priority) and where it is.
    private struct Candidate {
        var rank: Int
        var start: Int
        var key: Range<Int>
    }

    /// Writes the best message value of `line` (a line starting with `{`) into `value`, unescaped.
    static func find(in line: UnsafeBufferPointer<UInt8>, into value: inout [UInt8]) -> Found? {
        var best: Candidate?
        _ = scanObject(line, open: 0, depth: 0, best: &best)
        guard let best else { return nil }
        value.removeAll(keepingCapacity: true)
        let closed = unescape(line, from: best.start, into: &value)
        return Found(kind: wrapped.contains(Array(line[best.key])) ? .wrappedLine : .message, runsToEnd: !closed)
    }

    /// Walks the object whose `{` is at `open`, noting message values; returns the
    /// index past it (the line's end when it was cut).
    private static func scanObject(_ line: UnsafeBufferPointer<UInt8>, open: Int, depth: Int, best: inout Candidate?) -> Int {
        let count = line.count
        var index = open + 1
        while index < count {
            index = skipWhitespace(line, from: index)
            guard index < count, line[index] == UInt8(ascii: "\"") else { break }
            let keyStart = index + 1
            index = stringEnd(line, from: keyStart)
            guard index < count else { break }
            let key = keyStart..<index
            index = skipWhitespace(line, from: index + 1)
            guard index < count, line[index] == UInt8(ascii: ":") else { break }
            index = skipWhitespace(line, from: index + 1)
            guard index < count else { break }
            switch line[index] {
            case UInt8(ascii: "\""):
                if let priority = keys.firstIndex(where: { line[key].elementsEqual($0) }) {
                    let rank = depth * keys.count + priority
                    if rank < (best?.rank ?? .max) { best = Candidate(rank: rank, start: index + 1, key: key) }
                }
                index = stringEnd(line, from: index + 1) + 1
            case UInt8(ascii: "{") where depth + 1 < maxDepth:
                index = scanObject(line, open: index, depth: depth + 1, best: &best)
            default:
                index = valueEnd(line, from: index)
            }
            index = skipWhitespace(line, from: index)
            guard index < count else { break }
            if line[index] == UInt8(ascii: "}") { return index + 1 }
            guard line[index] == UInt8(ascii: ",") else { break }
            index += 1
        }
        return count
    }

    /// The index of the quote closing a string whose text starts at `start` (the line's end when cut).
    static func stringEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < line.count {
            if line[index] == UInt8(ascii: "\\") { index += 2; continue }
            if line[index] == UInt8(ascii: "\"") { return index }
            index += 1
        }
        return line.count
    }

    /// Past a number, literal, object or array starting at `start`.
    private static func valueEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") {
                index = stringEnd(line, from: index + 1) + 1
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                if depth == 0 { return index }
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            if depth == 0, byte == UInt8(ascii: ",") { return index }
            index += 1
        }
        return index
    }

    private static func skipWhitespace(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        return index
    }

    /// A JSON string's text from `start` up to its closing quote or the cut, escapes
    /// undone; whether the closing quote was there.
    private static func unescape(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8]) -> Bool {
        var index = start
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { return true }
            guard byte == UInt8(ascii: "\\"), index + 1 < line.count else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = line[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard index + 4 <= line.count, let scalar = hexScalar(line[index..<(index + 4)]) else { return false }
                index += 4
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(escaped)
            }
        }
        return false
    }

    /// `\uXXXX` as a scalar; a lone surrogate half is U+FFFD.
    private static func hexScalar(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for byte in digits {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - 55
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
