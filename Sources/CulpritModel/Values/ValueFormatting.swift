/// Human forms of event values: `812.4 MB`, `2.35 s`, `503`.
public enum ValueFormatting {
    /// An event's value in its unit (`812.4 MB`, `2.35 s`, `503`); its version when it has no value.
    public static func describe(_ event: LogEvent) -> String {
        guard let value = event.value else { return event.version ?? "" }
        switch event.unit {
        case .bytes: return bytes(value)
        case .seconds: return seconds(value)
        default: return event.kind == .http ? integerText(value.rounded()) : trimmed(value)
        }
    }

    /// Bytes in binary units with one decimal: `812.4 MB`.
    public static func bytes(_ value: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var scaled = value
        var index = 0
        while abs(scaled) >= 1024, index < units.count - 1 { scaled /= 1024; index += 1 }
        return (index == 0 ? integerText(scaled.rounded(.towardZero)) : oneDecimal(scaled)) + " " + units[index]
    }

    /// Seconds as `350 ms`, `2.4 s` or `3.5 min`.
    public static func seconds(_ value: Double) -> String {
        if value < 1 { return trimmed((value * 1000 * 10).rounded() / 10) + " ms" }
        if value < 120 { return oneDecimal(value) + " s" }
        return oneDecimal(value / 60) + " min"
    }

    static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? integerText(rounded) : String(rounded)
    }

    static func trimmed(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? integerText(value) : String(value)
    }

    /// A whole `value` as an integer; one no `Int64` holds (1e20, infinity, NaN)
    /// as Swift prints a `Double`, so no figure can trap on the way to the reader.
    package static func integerText(_ value: Double) -> String {
        if let whole = Int64(exactly: value) { return String(whole) }
        return String(value)
    }
}
