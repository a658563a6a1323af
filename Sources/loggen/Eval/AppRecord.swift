/// One record an application writes, before its runtime's format is applied:
/// level, logger, message, structured fields and an optional exception.
struct AppRecord {
    enum Level: Int, Sendable {
        case debug = 0, info, warn, error, fatal
    }

    /// A field value as structured loggers keep it.
    enum Field {
        case string(String)
        case int(Int)
        case double(Double, places: Int)
        /// A nested object (pino's `req`, `res`, `memory`).
        case nested(FieldObject)

        /// A nested object of `pairs`.
        static func object(_ pairs: [(String, Field)]) -> Field { .nested(FieldObject(pairs)) }
    }

    /// The pairs of a nested object, boxed so a field can hold fields.
    final class FieldObject {
        let pairs: [(String, Field)]
        init(_ pairs: [(String, Field)]) { self.pairs = pairs }
    }

    var level: Level
    /// Logger name (JVM, Python) or caller (`file.go:line`) or module.
    var logger: String
    var message: String
    var fields: [(String, Field)] = []
    /// An exception: its type and message; the runtime adds its stack.
    var exception: (type: String, message: String)?
}

extension LineBuffer {
    /// A field value as JSON.
    mutating func appendJSONValue(_ value: AppRecord.Field, spaced: Bool = false) {
        switch value {
        case let .string(text): appendJSONString(text)
        case let .int(number): append(number)
        case let .double(number, places): append(number, places: places)
        case let .nested(object):
            append(byte: UInt8(ascii: "{"))
            for (key, inner) in object.pairs {
                appendJSONKey(key, spaced: spaced)
                appendJSONValue(inner, spaced: spaced)
            }
            append(byte: UInt8(ascii: "}"))
        }
    }

    /// The fields as JSON pairs after whatever the object already holds.
    mutating func appendJSONFields(_ fields: [(String, AppRecord.Field)], spaced: Bool = false) {
        for (key, value) in fields {
            appendJSONKey(key, spaced: spaced)
            appendJSONValue(value, spaced: spaced)
        }
    }

    /// The fields as ` key=value` pairs (nested objects flattened with dots).
    mutating func appendLogfmtFields(_ fields: [(String, AppRecord.Field)], prefix: String = "") {
        for (key, value) in fields {
            switch value {
            case let .string(text): appendLogfmtPair(prefix + key, text)
            case let .int(number): appendLogfmtPair(prefix + key, number)
            case let .double(number, places):
                append(" \(prefix)\(key)=")
                append(number, places: places)
            case let .nested(object): appendLogfmtFields(object.pairs, prefix: prefix + key + ".")
            }
        }
    }
}
