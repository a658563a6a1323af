/// Finds which patterns may match a line by looking for their required literals,
/// so the regexes run only on the few lines that can match (most lines of a log
/// mention no memory, error, deploy…).
///
/// Method: each literal is anchored on its rarest pair of adjacent bytes (by
/// pair frequencies measured on real logs, `LogBigrams`), case-folded. One pass
/// over the line tests each raw byte pair against a 64 Ki-bit set that holds
/// every case variant of the case-insensitive anchors and the case-sensitive ones
/// as written (so the loop folds nothing). A pair that
/// hits is checked next by the hash of the three or four bytes around it, and
/// only then are its literals compared. Literals of one byte anchor on it alone.
package final class LiteralPrefilter: @unchecked Sendable {
    // @unchecked: all storage is written in init and only read afterwards.
    private struct Entry {
        var literal: Int32
        var anchor: Int32
    }

    /// Literal bytes laid end to end (folded for case-insensitive ones), with offsets.
    private let literalStorage: UnsafeMutablePointer<UInt8>
    private let literalStart: UnsafeMutablePointer<Int32>
    private let literalLength: UnsafeMutablePointer<Int32>
    private let literalCaseSensitive: UnsafeMutablePointer<Bool>
    private let literalMasks: UnsafeMutablePointer<PatternMask>
    private let literalCount: Int
    /// 65536 bits, indexed by a raw (unfolded) byte pair read as a little-endian
    /// `UInt16`: which pairs fold to a pair that anchors a literal.
    private let pairBits: UnsafeMutablePointer<UInt64>
    /// 65536 bits, by `hash4`/`hash3` of the anchor windows (3 or 4 bytes, folded
    /// loosely with `| 0x20`): a pair hit is verified only when its window is here.
    private let windowBits: UnsafeMutablePointer<UInt64>
    /// By raw pair (as the scan reads it): where the windows of its folded pair's
    /// anchors start relative to the pair.
    /// Bits 0–2: a four-byte window starts 0, 1 or 2 bytes before it; bits 4–5: a
    /// three-byte window 0 or 1 byte before; `wholeAnchor`: a two-byte literal.
    private let pairWindows: UnsafeMutablePointer<UInt8>
    private static let wholeAnchor: UInt8 = 0x80
    private let pairStart: UnsafeMutablePointer<Int32>
    private let pairEntries: UnsafeMutablePointer<Entry>
    private let singleStart: UnsafeMutablePointer<Int32>
    private let singleEntries: UnsafeMutablePointer<Entry>
    private let hasSingles: Bool
    private let fold: UnsafeMutablePointer<UInt8>

    /// `literals[i]` are the literals of pattern `i`.
    package init(literals: [[PatternDefinition.Literal]]) {
        var unique = [PatternDefinition.Literal: PatternMask]()
        var order = [PatternDefinition.Literal]()
        for (patternIndex, patternLiterals) in literals.enumerated() {
            for literal in patternLiterals {
                let key = literal.caseSensitive ? literal : .init(text: literal.text.lowercased(), caseSensitive: false)
                if unique[key] == nil { order.append(key) }
                unique[key, default: PatternMask()].insert(patternIndex)
            }
        }
        fold = .allocate(capacity: 256)
        for byte in 0..<256 { fold[byte] = UInt8(byte) &- 65 < 26 ? UInt8(byte) | 0x20 : UInt8(byte) }

        literalCount = order.count
        let totalBytes = order.reduce(0) { $0 + $1.text.utf8.count }
        literalStorage = .allocate(capacity: max(totalBytes, 1))
        literalStart = .allocate(capacity: max(literalCount, 1))
        literalLength = .allocate(capacity: max(literalCount, 1))
        literalCaseSensitive = .allocate(capacity: max(literalCount, 1))
        literalMasks = .allocate(capacity: max(literalCount, 1))
        var cursor = 0
        var pairLists = [UInt16: [Entry]]()
        // A case-insensitive literal's anchor hits in every case variant; a
        // case-sensitive one's only as written (` E ` must not hit on every `e `).
        var foldedAnchors = Set<Int>()
        var exactAnchors = Set<Int>()
        var singleLists = [[Entry]](repeating: [], count: 256)
        var windowHits = [Int]()
        var windowOffsets = [UInt8](repeating: 0, count: 65_536)
        for (index, literal) in order.enumerated() {
            let bytes = Array(literal.text.utf8)
            literalStart[index] = Int32(cursor)
            literalLength[index] = Int32(bytes.count)
            literalCaseSensitive[index] = literal.caseSensitive
            literalMasks.advanced(by: index).initialize(to: unique[literal]!)
            for byte in bytes { literalStorage[cursor] = byte; cursor += 1 }
            if bytes.count == 1 {
                let byte = fold[Int(bytes[0])]
                singleLists[Int(byte)].append(Entry(literal: Int32(index), anchor: 0))
                continue
            }
            // The anchor: the literal's rarest pair of bytes in log text; then a window
            // of up to four bytes around it, whose hash is tested before verifying.
            var best = 0
            var bestScore = Int.max
            for position in 0..<(bytes.count - 1) {
                let score = Self.pairScore(bytes[position], bytes[position + 1], literal.caseSensitive)
                if score < bestScore { bestScore = score; best = position }
            }
            let key = Int(fold[Int(bytes[best])]) << 8 | Int(fold[Int(bytes[best + 1])])
            pairLists[UInt16(key), default: []].append(Entry(literal: Int32(index), anchor: Int32(best)))
            if literal.caseSensitive {
                exactAnchors.insert(Int(bytes[best]) | Int(bytes[best + 1]) << 8)
            } else {
                foldedAnchors.insert(key)
            }
            let width = min(4, bytes.count)
            let windowStart = min(best, bytes.count - width)
            var window: UInt32 = 0
            for offset in 0..<width { window |= UInt32(bytes[windowStart + offset]) << UInt32(8 * offset) }
            let offsetInWindow = best - windowStart
            switch width {
            case 4:
                windowHits.append(Self.hash4(window))
                windowOffsets[key] |= 1 << UInt8(offsetInWindow)
            case 3:
                windowHits.append(Self.hash3(window))
                windowOffsets[key] |= 0x10 << UInt8(offsetInWindow)
            default:
                windowOffsets[key] |= Self.wholeAnchor
            }
        }
        pairBits = .allocate(capacity: 1024)
        pairBits.initialize(repeating: 0, count: 1024)
        windowBits = .allocate(capacity: 1024)
        windowBits.initialize(repeating: 0, count: 1024)
        for hash in windowHits { windowBits[hash >> 6] |= 1 << UInt64(hash & 63) }
        pairWindows = .allocate(capacity: 65_536)
        for raw in 0..<65_536 {
            // By the raw pair as the scan reads it (little-endian: first byte low).
            pairWindows[raw] = windowOffsets[Int(fold[raw & 0xFF]) << 8 | Int(fold[raw >> 8])]
        }
        pairStart = .allocate(capacity: 65_537)
        let pairTotal = pairLists.values.reduce(0) { $0 + $1.count }
        pairEntries = .allocate(capacity: max(pairTotal, 1))
        var entryCursor = 0
        for key in 0..<65_536 {
            pairStart[key] = Int32(entryCursor)
            guard let list = pairLists[UInt16(key)] else { continue }
            for entry in list { pairEntries[entryCursor] = entry; entryCursor += 1 }
        }
        for raw in 0..<65_536 {
            // Little-endian: the first byte of the pair is the low byte.
            let folded = Int(fold[raw & 0xFF]) << 8 | Int(fold[raw >> 8])
            if foldedAnchors.contains(folded) || exactAnchors.contains(raw) { pairBits[raw >> 6] |= 1 << UInt64(raw & 63) }
        }
        pairStart[65_536] = Int32(entryCursor)
        singleStart = .allocate(capacity: 257)
        let singleTotal = singleLists.reduce(0) { $0 + $1.count }
        singleEntries = .allocate(capacity: max(singleTotal, 1))
        entryCursor = 0
        for byte in 0..<256 {
            singleStart[byte] = Int32(entryCursor)
            for entry in singleLists[byte] { singleEntries[entryCursor] = entry; entryCursor += 1 }
        }
        singleStart[256] = Int32(entryCursor)
        hasSingles = singleTotal > 0
    }

    deinit {
        literalStorage.deallocate()
        literalStart.deallocate()
        literalLength.deallocate()
        literalCaseSensitive.deallocate()
        literalMasks.deinitialize(count: literalCount)
        literalMasks.deallocate()
        pairBits.deallocate()
        windowBits.deallocate()
        pairWindows.deallocate()
        pairStart.deallocate()
        pairEntries.deallocate()
        singleStart.deallocate()
        singleEntries.deallocate()
        fold.deallocate()
    }

    /// ORs into `mask` every pattern one of whose literals occurs in `line`.
    ///
    /// The loop reads each position's byte pair as one unaligned load and tests
    /// one bit; verification is kept out of line so the loop stays in registers.
    @inline(__always)
    package func scan(_ line: UnsafeBufferPointer<UInt8>, into mask: inout PatternMask) {
        guard let base = line.baseAddress, line.count > 0 else { return }
        let count = line.count
        if hasSingles {
            for index in 0..<count { verifySingle(base, count, at: index, into: &mask) }
        }
        guard count > 1 else { return }
        let bits = UnsafePointer(pairBits)
        let raw = UnsafeRawPointer(base)
        let last = count - 1
        var index = 0
        while index < last {
            let key = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)))
            if bits[key >> 6] & (1 &<< UInt64(key & 63)) != 0 {
                verifyPair(base, count, at: index, rawKey: key, into: &mask)
            }
            index &+= 1
        }
    }

    @inline(never)
    private func verifyPair(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, rawKey: Int, into mask: inout PatternMask) {
        let windows = pairWindows[rawKey]
        if windows & Self.wholeAnchor == 0 {
            // Only a three- or four-byte window around the pair can match: test its hash first.
            let raw = UnsafeRawPointer(base)
            var found = false
            var offsets = windows & 0x07
            while offsets != 0, !found {
                let start = index - offsets.trailingZeroBitCount
                offsets &= offsets - 1
                guard start >= 0, start + 4 <= count else { continue }
                let hash = Self.hash4(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
                found = windowBits[hash >> 6] & (1 &<< UInt64(hash & 63)) != 0
            }
            offsets = windows >> 4 & 0x03
            while offsets != 0, !found {
                let start = index - offsets.trailingZeroBitCount
                offsets &= offsets - 1
                guard start >= 0, start + 3 <= count else { continue }
                let window = UInt32(base[start]) | UInt32(base[start + 1]) << 8 | UInt32(base[start + 2]) << 16
                let hash = Self.hash3(window)
                found = windowBits[hash >> 6] & (1 &<< UInt64(hash & 63)) != 0
            }
            guard found else { return }
        }
        let key = Int(fold[Int(base[index])]) << 8 | Int(fold[Int(base[index + 1])])
        verify(base, count, at: index, entries: Int(pairStart[key])..<Int(pairStart[key + 1]), list: pairEntries, into: &mask)
    }

    @inline(__always)
    private func verifySingle(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, into mask: inout PatternMask) {
        let byte = Int(fold[Int(base[index])])
        let range = Int(singleStart[byte])..<Int(singleStart[byte + 1])
        if !range.isEmpty { verify(base, count, at: index, entries: range, list: singleEntries, into: &mask) }
    }

    private func verify(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, entries: Range<Int>, list: UnsafeMutablePointer<Entry>,
                        into mask: inout PatternMask) {
        for cursor in entries {
            let entry = list[cursor]
            let literal = Int(entry.literal)
            let length = Int(literalLength[literal])
            let start = index - Int(entry.anchor)
            guard start >= 0, start + length <= count else { continue }
            let bytes = literalStorage + Int(literalStart[literal])
            var matched = true
            if literalCaseSensitive[literal] {
                for offset in 0..<length where base[start + offset] != bytes[offset] { matched = false; break }
            } else {
                for offset in 0..<length where fold[Int(base[start + offset])] != bytes[offset] { matched = false; break }
            }
            if matched { mask.formUnion(literalMasks[literal]) }
        }
    }

    /// A 16-bit hash of four bytes (little-endian), case folded loosely: `| 0x20`
    /// maps each letter to its lower case (and a few symbols onto others, which
    /// only costs a verification).
    @inline(__always)
    static func hash4(_ window: UInt32) -> Int {
        Int(((window | 0x2020_2020) &* 0x9E37_79B1) >> 16)
    }

    /// The same for the first three bytes of `window`.
    @inline(__always)
    static func hash3(_ window: UInt32) -> Int {
        Int((((window & 0x00FF_FFFF) | 0x0020_2020) &* 0x85EB_CA77) >> 16)
    }

    /// How common a pair of bytes is in log text (higher is commoner): measured
    /// for the commonest pairs, estimated from single bytes for the rest.
    static func pairScore(_ first: UInt8, _ second: UInt8, _ caseSensitive: Bool) -> Int {
        let lower = { (byte: UInt8) in byte &- 65 < 26 ? byte | 0x20 : byte }
        if let measured = LogBigrams.frequency[UInt16(lower(first)) << 8 | UInt16(lower(second))] { return measured }
        // Below every measured pair (at most 100: 250 × 250 is the largest product).
        return frequency(first, caseSensitive) * frequency(second, caseSensitive) * 100 / 62_500
    }

    /// Rough frequency of a byte in log text (higher is commoner), to pick anchors.
    static func frequency(_ byte: UInt8, _ caseSensitive: Bool) -> Int {
        let letterFrequency: [Int] = [82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1]
        switch byte {
        case 97...122: return letterFrequency[Int(byte - 97)]
        case 65...90: return caseSensitive ? max(1, letterFrequency[Int(byte - 65)] / 3) : letterFrequency[Int(byte - 65)]
        case 48...57: return 60
        case 0x20: return 250
        case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "="),
             UInt8(ascii: ","), UInt8(ascii: "_"):
            return 70
        default: return 12
        }
    }
}
