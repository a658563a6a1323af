/// Steele, Lea and Flood's SplitMix64 generator: a 64-bit state advanced by a
/// golden-ratio increment and finalised with two xor-shift-multiply rounds.
///
/// loggen never uses the system's random source: every line of a sample or a
/// bench corpus follows from the seed, so the same seed writes byte-identical
/// files on every machine. The helpers below use only integer arithmetic and
/// IEEE-754 basic operations (no `log`, `exp` or `sin`, whose last bit differs
/// between C libraries), for the same reason.
struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose whole output follows from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded from a name, so each scenario or file has its own stream
    /// (64-bit FNV-1a of the UTF-8 bytes, mixed with `salt`).
    init(named name: String, salt: UInt64 = 0) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = hash ^ (salt &* 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 uniformly distributed bits.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-high reduction, without
    /// the rejection step: the bias is below 2^-40 for the bounds loggen uses).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)` from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An approximately normal deviate with mean 0 and standard deviation 1:
    /// the Irwin–Hall sum of six uniforms, centred and scaled by √2.
    mutating func gaussian() -> Double {
        var sum = 0.0
        for _ in 0..<6 { sum += unit() }
        return (sum - 3.0) * 1.414_213_562_373_095
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A lower-case hexadecimal string of `digits` digits.
    mutating func hex(_ digits: Int) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits)
        var bits = next()
        for index in 0..<digits {
            if index > 0, index % 16 == 0 { bits = next() }
            bytes.append(alphabet[Int(bits & 0xf)])
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A string of `length` characters from `alphabet` (Kubernetes pod suffixes, ids).
    mutating func token(_ length: Int, alphabet: String = "bcdfghjklmnpqrstvwxz2456789") -> String {
        let letters = Array(alphabet.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length { bytes.append(letters[below(letters.count)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
