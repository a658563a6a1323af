/// One message cut into tokens at white space, with its variable parts masked
/// as `<*>`: the form in which `TemplateMiner` compares messages.
///
/// Masks, inside each token: an alphanumeric run (letters, digits, `_`) is a
/// value when it starts with a digit, holds a digit and is six or more
/// characters long, is at least 30% digits, or is eight or more hex letters
/// (`deadbeef`). So numbers with units (`250ms`), hex (`0x7ffd`), UUIDs, IPs and
/// ports, times and dates, pod and thread suffixes (`exec-12`) and the numbered
/// parts of paths (`/tenants/42/cache`) are masked, while words that merely hold a
/// digit (`IPv4`, `log4j`, `utf8`) are kept. Masks joined by one of `.:-/,+` are
/// one mask (`10.0.0.1:5432` is `<*>`). A quoted value (`"…"`, `'…'`, `` `…` ``,
/// opening a token or after `=`, `:`, `(`, `[`, `{`, `,`; up to 120 bytes, spaces
/// included) is `"<*>"` when it holds a digit or is one word; quoted prose
/// (`err="context deadline exceeded"`) and a quoted message opening the line
/// (klog's `"Reconcile failed" err=…`) are read as words. A masked token that repeats the one before it is
/// dropped, so a list of values makes one template whatever its length. Only the
/// message's first line is read, and at most `maxTokens` tokens of it.
struct MessageTokens {
    /// The masked text of every token, back to back.
    private(set) var text: [UInt8] = []
    /// Where each token ends in `text`.
    private(set) var ends: [Int] = []
    /// Each token's FNV-1a hash: what the miner compares.
    private(set) var hashes: [UInt64] = []
    /// Whether a token holds a mask: such a token goes down the tree's wildcard branch.
    private(set) var variable: [Bool] = []

    /// The longest quoted value masked as one.
    static let quotedLimit = 120
    static let wildcard: [UInt8] = Array("<*>".utf8)
    static let wildcardHash = hash(wildcard)

    var count: Int { ends.count }

    /// The masked text of token `index`.
    func token(_ index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: text[start..<ends[index]], as: UTF8.self)
    }

    /// Reads `message` (replacing what was read before). With `truncated`, the
    /// message was cut at a byte limit: its last token, perhaps cut too, is dropped.
    mutating func read(_ message: UnsafeBufferPointer<UInt8>, maxTokens: Int, truncated: Bool) {
        text.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        variable.removeAll(keepingCapacity: true)
        let count = message.count
        var index = 0
        while ends.count < maxTokens {
            while index < count, Self.isBlank(message[index]) { index += 1 }
            guard index < count, message[index] != 0x0A, message[index] != 0x0D else { break }
            let tokenStart = text.count
            var masked = false
            var position = index
            while position < count, !Self.isSpace(message[position]) {
                let byte = message[position]
                if Self.isQuote(byte), ends.count > 0 || position > index, position == index || Self.opensValue(message[position - 1]),
                   let close = Self.closingQuote(byte, in: message, after: position),
                   Self.isQuotedValue(UnsafeBufferPointer(rebasing: message[(position + 1)..<close])) {
                    text.append(byte)
                    text.append(contentsOf: Self.wildcard)
                    text.append(byte)
                    masked = true
                    position = close + 1
                    continue
                }
                guard Self.isWordByte(byte) else {
                    text.append(byte)
                    position += 1
                    continue
                }
                var runEnd = position
                while runEnd < count, Self.isWordByte(message[runEnd]) { runEnd += 1 }
                let run = UnsafeBufferPointer(rebasing: message[position..<runEnd])
                if Self.isValue(run) {
                    appendMask(tokenStart: tokenStart)
                    masked = true
                } else {
                    text.append(contentsOf: run)
                }
                position = runEnd
            }
            if truncated, position >= count {
                text.removeSubrange(tokenStart...)
                break
            }
            index = position
            let hash = text.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[tokenStart...])) }
            if masked, hashes.last == hash {
                // A masked token repeating the one before: lists of any length make one template.
                text.removeSubrange(tokenStart...)
                continue
            }
            ends.append(text.count)
            hashes.append(hash)
            variable.append(masked)
        }
    }

    /// Appends `<*>`, absorbing a mask and one joining byte before it (`<*>.` + `<*>` is `<*>`).
    private mutating func appendMask(tokenStart: Int) {
        let end = text.count
        if end - tokenStart >= 4, Self.isJoiner(text[end - 1]), endsWithWildcard(at: end - 1) {
            text.removeLast()
            return
        }
        if end - tokenStart >= 3, endsWithWildcard(at: end) { return }
        text.append(contentsOf: Self.wildcard)
    }

    /// Whether `text[..<end]` ends with `<*>`.
    private func endsWithWildcard(at end: Int) -> Bool {
        text[end - 3] == UInt8(ascii: "<") && text[end - 2] == UInt8(ascii: "*") && text[end - 1] == UInt8(ascii: ">")
    }

    /// Whether an alphanumeric run is a value to mask (see the type's documentation).
    static func isValue(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var hexLetters = 0
        for byte in run {
            if byte &- 48 < 10 { digits += 1 } else if (byte | 0x20) &- 97 < 6 { hexLetters += 1 }
        }
        if digits == 0 { return hexLetters == run.count && run.count >= 8 }
        if run[0] &- 48 < 10 || run.count >= 6 { return true }
        return digits * 10 >= run.count * 3
    }

    /// Whether quoted text is a value (it holds a digit, or is one word) rather than
    /// prose such as an error text (`err="context deadline exceeded"`), which is read as tokens.
    static func isQuotedValue(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.contains { $0 &- 48 < 10 } || !text.contains(0x20)
    }

    /// The index of the quote closing the one at `open`, within `quotedLimit` bytes on the same line.
    static func closingQuote(_ quote: UInt8, in message: UnsafeBufferPointer<UInt8>, after open: Int) -> Int? {
        var index = open + 1
        let limit = min(message.count, open + 1 + quotedLimit)
        while index < limit {
            let byte = message[index]
            if byte == 0x0A || byte == 0x0D { return nil }
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == quote { return index }
            index += 1
        }
        return nil
    }

    /// 64-bit FNV-1a: stable across runs, unlike `Hasher`, so a saved state rebuilds the same tree.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 97 < 26 || byte &- 48 < 10 || byte == UInt8(ascii: "_")
    }
    @inline(__always) static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }
    @inline(__always) static func opensValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",")
    }
    @inline(__always) static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "+")
    }
}
