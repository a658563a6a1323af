/// A strict JSON parser on bytes that builds a `RecordDocument`, counting lines
/// as it goes. Written by hand rather than with Foundation because Foundation
/// neither keeps a number's text nor says on which line a value begins.
struct RecordDocumentJSON {
    /// Why a document is not JSON, and where.
    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// Deep enough for any Kubernetes object (about 12 levels), shallow enough
    /// that a hostile file cannot exhaust the stack.
    static let maxDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1

    /// Parses all of `bytes` as one JSON value (whitespace around it allowed).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> RecordDocument {
        var parser = RecordDocumentJSON(bytes: bytes)
        parser.skipWhitespace()
        let document = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("more after the end of the JSON value") }
        return document
    }

    /// Parses one JSON value at the start of `bytes` (a line of JSON Lines) and
    /// says where it ended; `firstLine` is the line number `bytes` begins on.
    static func parsePrefix(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) throws(Failure) -> (document: RecordDocument, end: Int) {
        var parser = RecordDocumentJSON(bytes: bytes)
        parser.line = firstLine
        parser.skipWhitespace()
        let document = try parser.parseValue(depth: 0)
        return (document, parser.index)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure { Failure(line: line, message: message) }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: line += 1
            case 0x20, 0x09, 0x0D: break
            default: return
            }
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> RecordDocument {
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) levels deep") }
        guard index < bytes.count else { throw failure("unexpected end of the document") }
        let startLine = line
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members = [String: RecordDocument]()
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return RecordDocument(value: .object(members), line: startLine) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
                index += 1
                skipWhitespace()
                members[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end inside an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return RecordDocument(value: .object(members), line: startLine) }
                throw failure("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            index += 1
            var elements = [RecordDocument]()
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return RecordDocument(value: .array(elements), line: startLine) }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return RecordDocument(value: .array(elements), line: startLine) }
                throw failure("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "\""):
            return RecordDocument(value: .scalar(try parseString()), line: startLine)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return RecordDocument(value: .bool(true), line: startLine)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return RecordDocument(value: .bool(false), line: startLine)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return RecordDocument(value: .null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            index += 1
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            return RecordDocument(value: .scalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)), line: startLine)
        default:
            throw failure("not a JSON value")
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): return true
        default: return false
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure("not a JSON value") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw failure("not a JSON value") }
        index += count
    }

    /// A string at `index` (on its opening quote); escapes decoded, invalid
    /// UTF-8 and lone surrogates replaced with U+FFFD.
    private mutating func parseString() throws(Failure) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] != 0x0A else { throw failure("a line break inside a string") }
            index += 1
        }
        guard index < bytes.count else { throw failure("a string never closes") }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            guard byte != 0x0A else { throw failure("a line break inside a string") }
            guard byte == UInt8(ascii: "\\") else { decoded.append(byte); index += 1; continue }
            guard index + 1 < bytes.count else { break }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    index += 2
                    let low = try hexQuad()
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                throw failure("an unknown escape in a string")
            }
        }
        throw failure("a string never closes")
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("a bad \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
