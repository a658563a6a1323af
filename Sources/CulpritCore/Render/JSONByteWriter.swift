/// Appends JSON text to a byte buffer without going through `String`
/// interpolation or Foundation: the NDJSON hot path.
public struct JSONByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string literal, escaped; invalid UTF-8 was already repaired by `String`.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        escaped(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escaped characters of `text`, without quotes: unescaped runs are copied whole.
    private mutating func escaped(_ text: String) {
        // Native strings are read in place; others (bridged, rare) are made contiguous first.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if done == nil {
            var copy = text
            copy.withUTF8 { escaped($0) }
        }
    }

    /// Escapes `utf8` (valid UTF-8). Runs without a byte to escape are found eight
    /// bytes at a time and copied with one append.
    mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var index = 0
        while index < count {
            index = Self.firstByteToEscape(base, from: index, count: count)
            guard index < count else { break }
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
            appendEscape(base[index])
            index += 1
            runStart = index
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// The index of the first control byte, quote or backslash at or after `start`, or `count`.
    @inline(__always)
    static func firstByteToEscape(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte below 0x20, or equal to 0x22 or 0x5C (exact test per word).
            let below = (word &- ones &* 0x20) & ~word & highs
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let quoteHit = (quote &- ones) & ~quote & highs
            let backslashHit = (backslash &- ones) & ~backslash & highs
            if below | quoteHit | backslashHit != 0 { break }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return index }
            index += 1
        }
        return count
    }

    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
    }

    /// A `PATH:LINE` ref as a JSON string, without building the text first.
    public mutating func ref(_ ref: SourceRef) {
        bytes.append(UInt8(ascii: "\""))
        escaped(ref.path)
        bytes.append(UInt8(ascii: ":"))
        integer(Int64(ref.line))
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// A number: integers without a fraction, others in Swift's shortest round-trip form.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { raw("null"); return }
        if value == value.rounded(), abs(value) < 9.0e15 {
            integer(Int64(value))
            return
        }
        // Durations and sizes: up to 6 decimals written directly when that is exact
        // to the printed precision; anything else in Swift's shortest round-trip form.
        let scaled = (value * 1_000_000).rounded()
        if abs(value) >= 1e-6, abs(value) < 1e9, abs(scaled / 1_000_000 - value) <= abs(value) * 1e-12 {
            var micros = Int64(scaled)
            if micros < 0 { bytes.append(UInt8(ascii: "-")); micros = -micros }
            integer(micros / 1_000_000)
            var fraction = micros % 1_000_000
            var digits = 6
            while fraction % 10 == 0, digits > 0 { fraction /= 10; digits -= 1 }
            bytes.append(UInt8(ascii: "."))
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(48 + fraction / divisor))
                fraction %= divisor
                divisor /= 10
            }
        } else {
            bytes.append(contentsOf: Array(value.description.utf8))
        }
    }

    public mutating func integer(_ value: Int64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    public mutating func optionalNumber(_ value: Double?) {
        if let value { number(value) } else { raw("null") }
    }

    public mutating func time(_ micros: Int64?) {
        guard let micros else { raw("null"); return }
        bytes.append(UInt8(ascii: "\""))
        CivilTime.appendRFC3339(micros, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
