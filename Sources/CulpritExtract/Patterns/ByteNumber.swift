/// Numbers read straight from captured bytes, with the results `Int(String)` and
/// `Double(String)` would give, without building a `String` for the common forms.
enum ByteNumber {
    /// `Int(text)`: an optional sign and decimal digits, nil on anything else or overflow.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < text.count else { return nil }
        var value = 0
        while index < text.count {
            let digit = text[index] &- 48
            guard digit < 10 else { return nil }
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? scaled.subtractingReportingOverflow(Int(digit)) : scaled.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// `1,234.5` / `812.4` / `1e6` / `1_000`: what `Double(text)` gives, else the
    /// same with `,` and `_` removed (thousands separators). Only finite numbers:
    /// `Double` also reads `nan`, `inf` and `1e999` (infinity), which no log means
    /// as a quantity.
    static func decimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        if let exact = plainDecimal(text) { return exact }
        let string = String(decoding: text, as: UTF8.self)
        if let value = Double(string) { return value.isFinite ? value : nil }
        guard let value = Double(string.filter { $0 != "," && $0 != "_" }), value.isFinite else { return nil }
        return value
    }

    /// Powers of ten a `Double` holds exactly.
    private static let exactPowers: [Double] = (0...22).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    /// `[+-]digits[.digits]` with at most 15 significant digits: the integer of
    /// all digits and the power of ten are both exact, so one division is rounded
    /// once, exactly as `strtod` rounds. Other forms return nil.
    private static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if let first = text.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var integerDigits = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, integerDigits > 0 else { return nil }
                sawPoint = true
            } else {
                let digit = byte &- 48
                guard digit < 10 else { return nil }
                mantissa = mantissa * 10 + Int64(digit)
                digits += 1
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
                guard digits <= 15 else { return nil }
            }
            index += 1
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0 else { return nil }
        let magnitude = Double(mantissa) / exactPowers[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}
