/// The cheap peel of a line's envelope that continuation rules look at, without
/// decoding the whole line: the CRI message, a Docker `{"log":"…` value's start
/// (with JSON escapes for tab and space read as white space), what follows a
/// leading timestamp or a `docker compose` prefix, or the line itself.
enum ContinuationView {
    /// Room for the start of a Docker `log` value, decoded.
    static let scratchSize = 48

    /// Bytes standing in for the line's message, or nil when the line is a
    /// self-contained structured record (a JSON object other than Docker's).
    /// The result points into `line` or into `scratch` (at least `scratchSize`
    /// bytes), so it is valid while both are.
    static func messageStart(of line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind,
                             scratch: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let first = line.first else { return line }
        if first == UInt8(ascii: "{") {
            guard ContinuationRules.hasPrefix(line, "{\"log\":\"") else { return nil }
            var length = 0
            var index = 8
            // Decode just enough of the value to see how it starts.
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
        if envelope == .cri, let prefix = CRIPrefix.parse(line) {
            return UnsafeBufferPointer(rebasing: line[prefix.messageStart...])
        }
        if let messageStart = timestampPrefixEnd(line) {
            return UnsafeBufferPointer(rebasing: line[messageStart...])
        }
        if LevelScanner.isLetter(first), let start = ComposePrefix.messageStart(of: line) {
            return messageStart(of: UnsafeBufferPointer(rebasing: line[start...]), envelope: envelope, scratch: scratch)
        }
        return line
    }

    /// Where the message starts after a leading RFC 3339 stamp and one space, as
    /// CI runners, `kubectl logs --timestamps` and `docker logs -t` prefix lines.
    static func timestampPrefixEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count > 21, line[0] &- 48 < 10, line[4] == UInt8(ascii: "-"), line[7] == UInt8(ascii: "-"),
              line[10] == UInt8(ascii: "T"), line[13] == UInt8(ascii: ":") else { return nil }
        var index = 19
        while index < min(line.count, 40), line[index] != 0x20 { index += 1 }
        guard index < line.count, index < 40, line[index - 1] == UInt8(ascii: "Z") || line[index - 3] == UInt8(ascii: "+")
                || line[index - 3] == UInt8(ascii: "-") || line[index - 3] == UInt8(ascii: ":") else { return nil }
        return index + 1
    }
}
