/// A JSON or YAML document as a tree, each node with the line it starts on, so
/// a change read from it cites `path:line` like a log line does.
///
/// Numbers keep their text (`1.10` stays `1.10`, not `1.1`): in these files a
/// number is as often a version as a count.
struct RecordDocument: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        /// A string, or a number's text.
        case scalar(String)
        case array([RecordDocument])
        case object([String: RecordDocument])
    }

    var value: Value
    /// 1-based.
    var line: Int

    subscript(key: String) -> RecordDocument? {
        if case .object(let members) = value { return members[key] }
        return nil
    }

    /// The node at a path of keys: `document[path: "metadata", "name"]`.
    subscript(path keys: String...) -> RecordDocument? {
        var node: RecordDocument? = self
        for key in keys { node = node?[key] }
        return node
    }

    /// A string's or number's text; nil for anything else and for an empty string.
    var string: String? {
        if case .scalar(let text) = value, !text.isEmpty { return text }
        return nil
    }

    var bool: Bool? {
        switch value {
        case .bool(let flag): return flag
        case .scalar("true"): return true
        case .scalar("false"): return false
        default: return nil
        }
    }

    /// An array's elements; empty for anything else.
    var items: [RecordDocument] {
        if case .array(let elements) = value { return elements }
        return []
    }

    var isArray: Bool {
        if case .array = value { return true }
        return false
    }

    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// An object's keys; empty for anything else.
    var keys: Set<String> {
        if case .object(let members) = value { return Set(members.keys) }
        return []
    }
}
