/// A growable byte buffer that log lines are written into.
///
/// Every format appends straight into one of these, so the bench generator
/// builds hundreds of megabytes without creating a `String` per line: numbers are
/// written digit by digit and text is copied from the UTF-8 storage of strings
/// that already exist (pool entries and literals).
struct LineBuffer: Sendable {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written so far.
    var count: Int { bytes.count }

    /// The last byte written, if any.
    var lastByte: UInt8? { bytes.last }

    /// Forgets the contents, keeping the allocation for the next chunk.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Ends the current line.
    mutating func newline() {
        bytes.append(0x0a)
    }

    /// A decimal integer, with a minus sign when negative.
    mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(unsigned: UInt64(-Int64(value)), width: 0, pad: 0x30)
        } else {
            append(unsigned: UInt64(value), width: 0, pad: 0x30)
        }
    }

    /// A non-negative decimal integer left-padded with zeros to `width` digits.
    mutating func append(_ value: Int, zeroPaddedTo width: Int) {
        append(unsigned: UInt64(value), width: width, pad: 0x30)
    }

    /// A non-negative decimal integer left-padded with spaces to `width` characters.
    mutating func append(_ value: Int, spacePaddedTo width: Int) {
        append(unsigned: UInt64(value), width: width, pad: 0x20)
    }

    /// A decimal with exactly `places` digits after the point, rounded half away
    /// from zero (`12.345`). Only IEEE-754 multiplication and rounding are used, so
    /// the digits are the same on every platform.
    mutating func append(_ value: Double, places: Int) {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        if value < 0, scaled > 0 { bytes.append(UInt8(ascii: "-")) }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        append(unsigned: integer / divisor, width: 0, pad: 0x30)
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            append(unsigned: integer % divisor, width: places, pad: 0x30)
        }
    }

    /// `text` padded with spaces to `width` (on the left when `rightAligned`), or
    /// cut to its last `width` characters when longer, as logback's `%15.15t` does.
    mutating func append(_ text: String, paddedTo width: Int, rightAligned: Bool = false) {
        let utf8 = text.utf8
        let length = utf8.count
        if length >= width {
            bytes.append(contentsOf: utf8.dropFirst(length - width))
            return
        }
        if rightAligned {
            bytes.append(contentsOf: repeatElement(0x20, count: width - length))
            bytes.append(contentsOf: utf8)
        } else {
            bytes.append(contentsOf: utf8)
            bytes.append(contentsOf: repeatElement(0x20, count: width - length))
        }
    }

    /// Digits are produced backwards into a fixed-size stack tuple (20 bytes holds
    /// any UInt64), so formatting a number allocates nothing: the bench writes
    /// tens of millions of them.
    private mutating func append(unsigned value: UInt64, width: Int, pad: UInt8) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[19 - count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                count += 1
            } while rest > 0
            if width > count {
                bytes.append(contentsOf: repeatElement(pad, count: width - count))
            }
            bytes.append(contentsOf: scratch[(20 - count)...])
        }
    }
}

extension String {
    /// `value` with exactly `places` decimals, rendered as `LineBuffer` does.
    init(decimal value: Double, places: Int) {
        var buffer = LineBuffer()
        buffer.append(value, places: places)
        self.init(decoding: buffer.bytes, as: UTF8.self)
    }
}
