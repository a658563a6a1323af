/// A structured field's value from a JSON, logfmt or journald record.
package enum FieldValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The value as a finite number: numbers, and strings that are numbers
    /// (`"123"`). `1e999`, `"NaN"` and `"inf"` are not quantities: nil.
    package var number: Double? {
        let value: Double?
        switch self {
        case .number(let number): value = number
        case .string(let text): value = Double(text)
        default: value = nil
        }
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// The value as text, the way it would read in a log line.
    package var text: String {
        switch self {
        case .string(let text): return text
        case .number(let value):
            // Below 1e15 a whole Double converts to Int64 exactly.
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// The flattened fields of a structured record, in the order they appeared.
/// Nested objects are flattened with dots (`{"a":{"b":1}}` → `a.b`).
package struct RecordFields: Sendable {
    package var entries: [(key: String, value: FieldValue)] = []

    package init() {}

    package subscript(key: String) -> FieldValue? {
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// The first of `keys` that is present, tried in order.
    package func first(of keys: [String]) -> FieldValue? {
        for key in keys {
            if let value = self[key] { return value }
        }
        return nil
    }

    package var isEmpty: Bool { entries.isEmpty }
}
