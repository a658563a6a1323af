import Foundation

/// The cheap peel of a line's envelope that continuation rules look at, without
/// decoding the whole line: the CRI message, the start of a JSON wrapper's message
/// (Docker's `{"log":"…`, journald's `"MESSAGE":"…`, Cloud Logging's
/// `"textPayload":"…`, with JSON escapes for tab and space read as white space), a
/// journal export entry's `MESSAGE`, what follows `kubectl logs --prefix`'s
/// `[pod/…/…] `, a leading timestamp or a `docker compose` prefix, or the line itself.
///
/// Collectors split a multi-line record into one wrapped line (or entry) per line
/// of text, so a Java stack trace behind any of these wrappers joins its record
/// as it does in a plain file.
package enum ContinuationView {
    /// Room for the start of a JSON wrapper's message, decoded.
    package static let scratchSize = 48

    /// Bytes standing in for the line's message, or nil when the line is a
    /// self-contained structured record (a JSON object with no wrapped message, an
    /// OTLP request, a journal entry without `MESSAGE`). The result points into
    /// `line` or into `scratch` (at least `scratchSize` bytes), so it is valid while
    /// both are.
    package static func messageStart(of line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind,
                             scratch: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let first = line.first else { return line }
        if envelope == .journalExport { return JournalExportEntry.message(of: line) }
        if first == UInt8(ascii: "{") {
            switch envelope {
            case .otlpJSON: return nil
            case .journalJSON: return jsonString(after: "\"MESSAGE\":\"", in: line, scratch: scratch)
            case .cloudLoggingJSON: return jsonString(after: "\"textPayload\":\"", in: line, scratch: scratch)
            default:
                guard ContinuationRules.hasPrefix(line, "{\"log\":\"") else { return nil }
                return decodeJSONString(in: line, from: 8, scratch: scratch)
            }
        }
        if envelope == .cri, let prefix = CRIPrefix.parse(line) {
            return UnsafeBufferPointer(rebasing: line[prefix.messageStart...])
        }
        if envelope == .kubectlPrefix, first == UInt8(ascii: "["), let start = KubectlPrefix.messageStart(of: line) {
            return messageStart(of: UnsafeBufferPointer(rebasing: line[start...]), envelope: .text, scratch: scratch)
        }
        if let messageStart = timestampPrefixEnd(line) {
            return UnsafeBufferPointer(rebasing: line[messageStart...])
        }
        if LevelScanner.isLetter(first), let start = ComposePrefix.messageStart(of: line) {
            return messageStart(of: UnsafeBufferPointer(rebasing: line[start...]), envelope: envelope, scratch: scratch)
        }
        return line
    }

    /// The start of the JSON string value after `key` (written with its quotes, the
    /// colon and the value's opening quote) anywhere in `line`; nil when absent.
    private static func jsonString(after key: StaticString, in line: UnsafeBufferPointer<UInt8>,
                                   scratch: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let start = find(key, in: line) else { return nil }
        return decodeJSONString(in: line, from: start + key.utf8CodeUnitCount, scratch: scratch)
    }

    /// The offset of `needle` (at least 2 bytes, starting with `"`) in `line`:
    /// memchr finds its second byte, rarer in JSON than a quote, then the rest is compared.
    private static func find(_ needle: StaticString, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = line.baseAddress else { return nil }
        let count = needle.utf8CodeUnitCount
        let bytes = needle.utf8Start
        var position = 1
        while position + count - 1 <= line.count,
              let hit = memchr(base + position, Int32(bytes[1]), line.count - position) {
            let second = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            let start = second - 1
            guard start + count <= line.count else { return nil }
            var matches = true
            for offset in 0..<count where base[start + offset] != bytes[offset] {
                matches = false
                break
            }
            if matches { return start }
            position = second + 1
        }
        return nil
    }

    /// Decodes just enough of the JSON string starting at `index` to see how it starts.
    private static func decodeJSONString(in line: UnsafeBufferPointer<UInt8>, from start: Int,
                                         scratch: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var length = 0
        var index = start
        while index < line.count, length < scratchSize {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\"), index + 1 < line.count {
                let next = line[index + 1]
                switch next {
                case UInt8(ascii: "t"): scratch[length] = 0x09; length += 1
                case UInt8(ascii: "n"): break
                case UInt8(ascii: "u"): scratch[length] = 0x20; length += 1; index += 4
                default: scratch[length] = next; length += 1
                }
                index += 2
                continue
            }
            scratch[length] = byte
            length += 1
            index += 1
        }
        return UnsafeBufferPointer(rebasing: scratch[..<length])
    }

    /// Where the message starts after a leading RFC 3339 stamp and one space, as
    /// CI runners, `kubectl logs --timestamps` and `docker logs -t` prefix lines.
    /// Spaces that pad a level word (Spring Boot 3's `%5p`: `…+03:00  INFO 1 ---`)
    /// are skipped too: that line is a record of its own, not an indented continuation.
    package static func timestampPrefixEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let end = TimestampPrefix.end(of: line) else { return nil }
        var start = end + 1
        while start < line.count, start - end <= 5, line[start] == 0x20 { start += 1 }
        return start > end + 1 && Self.startsWithLevelWord(line, at: start) ? start : end + 1
    }

    /// Whether an upper-case level word (`INFO`, `WARN`, `ERROR`, `DEBUG`, `TRACE`,
    /// `FATAL`) followed by a space starts at `index`.
    static func startsWithLevelWord(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        for word in ["INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL"] {
            let bytes = word.utf8
            guard index + bytes.count < line.count, line[index + bytes.count] == 0x20 else { continue }
            if zip(bytes, line[index...]).allSatisfy({ $0 == $1 }) { return true }
        }
        return false
    }
}
