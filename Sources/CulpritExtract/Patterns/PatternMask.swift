/// A set of pattern indexes (up to `PatternMask.capacity`), as plain bits so the
/// prefilter can OR literal hits into it without allocating.
package struct PatternMask: Sendable, Equatable {
    package static let capacity = 256
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    package init() {}

    package var isEmpty: Bool { (w0 | w1 | w2 | w3) == 0 }

    package mutating func insert(_ index: Int) {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    package func contains(_ index: Int) -> Bool {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    @inline(__always)
    package mutating func formUnion(_ other: PatternMask) {
        w0 |= other.w0; w1 |= other.w1; w2 |= other.w2; w3 |= other.w3
    }

    /// Calls `body` with each member index in increasing order, without allocating.
    @inline(__always)
    package func forEach(_ body: (Int) -> Void) {
        let words = (w0, w1, w2, w3)
        for wordIndex in 0..<4 {
            var bits: UInt64
            switch wordIndex {
            case 0: bits = words.0
            case 1: bits = words.1
            case 2: bits = words.2
            default: bits = words.3
            }
            while bits != 0 {
                body(wordIndex * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}
