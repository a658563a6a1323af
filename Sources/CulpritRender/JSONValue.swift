import CulpritModel

/// A JSON document built in code with keys kept in the order written, so
/// output matches the contract's layout; rendered pretty (2 spaces) or compact.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// A string, or null when `text` is nil.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    /// An RFC 3339 time (UTC) for `micros`, or null.
    public static func time(_ micros: Int64?) -> JSONValue { micros.map { .string(CivilTime.rfc3339($0)) } ?? .null }

    /// The document as text: indented by two spaces when `pretty`, else on one line.
    public func rendered(pretty: Bool = true) -> String {
        let writer = JSONByteWriter()
        write(to: writer, indent: pretty ? 0 : -1)
        if pretty { writer.byte(0x0A) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func write(to writer: JSONByteWriter, indent: Int) {
        func newline(_ level: Int) {
            guard indent >= 0 else { return }
            writer.byte(0x0A)
            writer.repeated(0x20, times: level * 2)
        }
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { writer.raw("{}"); return }
            writer.raw("{")
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { writer.raw(",") }
                newline(indent + 1)
                writer.string(key)
                writer.raw(indent >= 0 ? ": " : ":")
                value.write(to: writer, indent: indent >= 0 ? indent + 1 : -1)
            }
            newline(indent)
            writer.raw("}")
        case .array(let values):
            guard !values.isEmpty else { writer.raw("[]"); return }
            writer.raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { writer.raw(",") }
                newline(indent + 1)
                value.write(to: writer, indent: indent >= 0 ? indent + 1 : -1)
            }
            newline(indent)
            writer.raw("]")
        case .string(let text): writer.string(text)
        case .number(let value): writer.number(value)
        case .bool(let value): writer.raw(value ? "true" : "false")
        case .null: writer.raw("null")
        }
    }
}
