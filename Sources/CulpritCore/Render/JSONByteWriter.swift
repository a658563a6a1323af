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
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
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
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(48 + magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
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
