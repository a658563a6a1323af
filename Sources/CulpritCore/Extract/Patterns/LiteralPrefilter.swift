/// Finds which patterns may match a line by looking for their required literals,
/// so the regexes run only on the few lines that can match (most lines of a log
/// mention no memory, error, deploy…).
///
/// Method: each literal is anchored on its rarest byte (by a fixed frequency
/// table for log text). One pass over the line looks each byte up in a 256-entry
/// table; only bytes that anchor some literal cost a comparison. Case-insensitive
/// literals anchor on both cases of their byte.
public final class LiteralPrefilter: @unchecked Sendable {
    // @unchecked: all storage is written in init and only read afterwards.
    private struct Entry {
        var literal: Int32
        var anchor: Int32
    }

    private let literalBytes: [[UInt8]]
    private let literalCaseSensitive: [Bool]
    private let literalMasks: [PatternMask]
    private let anchorsPerByte: UnsafeMutablePointer<UInt8>
    private let tableStart: UnsafeMutablePointer<Int32>
    private let entries: UnsafeMutablePointer<Entry>
    private let entryCount: Int

    /// `literals[i]` are the literals of pattern `i`.
    public init(literals: [[PatternDefinition.Literal]]) {
        var unique = [PatternDefinition.Literal: PatternMask]()
        var order = [PatternDefinition.Literal]()
        for (patternIndex, patternLiterals) in literals.enumerated() {
            for literal in patternLiterals {
                let key = literal.caseSensitive ? literal : .init(text: literal.text.lowercased(), caseSensitive: false)
                if unique[key] == nil { order.append(key) }
                unique[key, default: PatternMask()].insert(patternIndex)
            }
        }
        literalBytes = order.map { Array($0.text.utf8) }
        literalCaseSensitive = order.map(\.caseSensitive)
        literalMasks = order.map { unique[$0]! }

        var perByte = [[Entry]](repeating: [], count: 256)
        for (index, bytes) in literalBytes.enumerated() {
            var best = 0
            for position in bytes.indices where Self.frequency(bytes[position]) < Self.frequency(bytes[best]) { best = position }
            let byte = bytes[best]
            let entry = Entry(literal: Int32(index), anchor: Int32(best))
            perByte[Int(byte)].append(entry)
            if !literalCaseSensitive[index], Self.isLetter(byte) {
                perByte[Int(byte ^ 0x20)].append(entry)
            }
        }
        anchorsPerByte = .allocate(capacity: 256)
        tableStart = .allocate(capacity: 257)
        let total = perByte.reduce(0) { $0 + $1.count }
        entries = .allocate(capacity: max(total, 1))
        entryCount = total
        var cursor = 0
        for byte in 0..<256 {
            tableStart[byte] = Int32(cursor)
            anchorsPerByte[byte] = perByte[byte].isEmpty ? 0 : 1
            for entry in perByte[byte] {
                entries[cursor] = entry
                cursor += 1
            }
        }
        tableStart[256] = Int32(cursor)
    }

    deinit {
        anchorsPerByte.deallocate()
        tableStart.deallocate()
        entries.deallocate()
    }

    /// ORs into `mask` every pattern one of whose literals occurs in `line`.
    @inline(__always)
    public func scan(_ line: UnsafeBufferPointer<UInt8>, into mask: inout PatternMask) {
        guard let base = line.baseAddress else { return }
        let count = line.count
        var index = 0
        while index < count {
            let byte = base[index]
            if anchorsPerByte[Int(byte)] != 0 {
                verify(base, count, at: index, byte: byte, into: &mask)
            }
            index += 1
        }
    }

    private func verify(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, byte: UInt8, into mask: inout PatternMask) {
        let end = Int(tableStart[Int(byte) + 1])
        var cursor = Int(tableStart[Int(byte)])
        while cursor < end {
            let entry = entries[cursor]
            cursor += 1
            let literal = literalBytes[Int(entry.literal)]
            let start = index - Int(entry.anchor)
            guard start >= 0, start + literal.count <= count else { continue }
            var matched = true
            if literalCaseSensitive[Int(entry.literal)] {
                for offset in 0..<literal.count where base[start + offset] != literal[offset] { matched = false; break }
            } else {
                for offset in 0..<literal.count where Self.lower(base[start + offset]) != literal[offset] { matched = false; break }
            }
            if matched { mask.formUnion(literalMasks[Int(entry.literal)]) }
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 97 < 26 }

    /// Rough frequency of a byte in log text (higher is commoner), to pick anchors.
    static func frequency(_ byte: UInt8) -> Int {
        let letterFrequency: [UInt8: Int] = [
            97: 82, 98: 15, 99: 28, 100: 43, 101: 127, 102: 22, 103: 20, 104: 61, 105: 70, 106: 2, 107: 8, 108: 40, 109: 24,
            110: 67, 111: 75, 112: 19, 113: 1, 114: 60, 115: 63, 116: 91, 117: 28, 118: 10, 119: 24, 120: 2, 121: 20, 122: 1,
        ]
        switch byte {
        case 97...122: return letterFrequency[byte]!
        case 65...90: return letterFrequency[byte | 0x20]! / 3
        case 48...57: return 60
        case 0x20: return 250
        case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "="),
             UInt8(ascii: ","), UInt8(ascii: "_"):
            return 70
        default: return 12
        }
    }
}
