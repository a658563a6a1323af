import Foundation
import CulpritModel

/// Appends JSON text to a byte buffer without going through `String`
/// interpolation or Foundation: the NDJSON hot path.
///
/// The buffer is raw memory owned by the writer (a class, so it is never copied):
/// an append is a capacity check and a copy, without `Array`'s uniqueness check
/// per piece. `bytes` copies the text out once at the end.
public final class JSONByteWriter {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var count = 0

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The text written so far (a copy).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the text written so far, in place.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    package func byte(_ value: UInt8) {
        reserve(1)
        base[count] = value
        count += 1
    }

    @inline(__always)
    package func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        (base + count).update(from: source, count: length)
        count += length
    }

    /// `byte` repeated `times` times (indentation).
    package func repeated(_ value: UInt8, times: Int) {
        guard times > 0 else { return }
        reserve(times)
        (base + count).update(repeating: value, count: times)
        count += times
    }

    @inline(__always)
    package func raw(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// A JSON string literal, escaped; invalid UTF-8 was already repaired by `String`.
    package func string(_ text: String) {
        byte(UInt8(ascii: "\""))
        escaped(text)
        byte(UInt8(ascii: "\""))
    }

    /// The escaped characters of `text`, without quotes: unescaped runs are copied whole.
    private func escaped(_ text: String) {
        // Native strings are read in place; others (bridged, rare) are made contiguous first.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if done == nil {
            var copy = text
            copy.withUTF8 { escaped($0) }
        }
    }

    /// Escapes `utf8` (valid UTF-8). Runs without a byte to escape are found eight
    /// bytes at a time and copied with one append.
    func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        let length = utf8.count
        var runStart = 0
        var index = 0
        while index < length {
            index = Self.firstByteToEscape(source, from: index, count: length)
            guard index < length else { break }
            if runStart < index { append(source + runStart, count: index - runStart) }
            appendEscape(source[index])
            index += 1
            runStart = index
        }
        if runStart < length { append(source + runStart, count: length - runStart) }
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

    private func appendEscape(_ value: UInt8) {
        switch value {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            let digits: StaticString = "0123456789abcdef"
            raw("\\u00")
            byte(digits.utf8Start[Int(value >> 4)])
            byte(digits.utf8Start[Int(value & 0xF)])
        }
    }

    /// A `PATH:LINE` ref as a JSON string, without building the text first.
    package func ref(_ ref: SourceRef) {
        byte(UInt8(ascii: "\""))
        escaped(ref.path)
        byte(UInt8(ascii: ":"))
        integer(Int64(ref.line))
        byte(UInt8(ascii: "\""))
    }

    package func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// A number: integers without a fraction, others in Swift's shortest round-trip form.
    package func number(_ value: Double) {
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
            if micros < 0 { byte(UInt8(ascii: "-")); micros = -micros }
            integer(micros / 1_000_000)
            var fraction = micros % 1_000_000
            var digits = 6
            while fraction % 10 == 0, digits > 0 { fraction /= 10; digits -= 1 }
            byte(UInt8(ascii: "."))
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                byte(UInt8(48 + fraction / divisor))
                fraction %= divisor
                divisor /= 10
            }
        } else {
            var text = value.description
            text.withUTF8 { append($0.baseAddress!, count: $0.count) }
        }
    }

    package func integer(_ value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        var digits = 0
        var probe = magnitude
        repeat { digits += 1; probe /= 10 } while probe > 0
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var cursor = count + digits
        count = cursor
        repeat {
            cursor -= 1
            base[cursor] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    package func optionalNumber(_ value: Double?) {
        if let value { number(value) } else { raw("null") }
    }

    package func time(_ micros: Int64?) {
        guard let micros else { raw("null"); return }
        reserve(40)
        base[count] = UInt8(ascii: "\"")
        count += 1
        count += CivilTime.writeRFC3339(micros, to: base + count)
        base[count] = UInt8(ascii: "\"")
        count += 1
    }
}
