/// An HTML page under construction: markup and escaped text appended to one
/// UTF-8 buffer.
///
/// A report with thousands of chart points and table rows is written with one
/// growing byte array rather than by concatenating strings, and numbers are
/// written digit by digit (SVG coordinates never need `String(Double)`'s
/// exponent forms or its cost).
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    /// Appends markup exactly as given. Never pass log or user text here.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends text escaped for element content or a quoted attribute.
    mutating func text(_ text: String) {
        HTMLEscaping.append(text, to: &bytes)
    }

    /// Appends an integer.
    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude)
    }

    private mutating func digits(_ magnitude: UInt) {
        if magnitude >= 10 { digits(magnitude / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
    }

    /// Appends a coordinate rounded to one decimal place, without a trailing `.0`.
    mutating func coordinate(_ value: Double) {
        guard value.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        let tenths = Int((min(max(value, -1e12), 1e12) * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(tenths)
        int(magnitude / 10)
        if magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    /// The page as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
