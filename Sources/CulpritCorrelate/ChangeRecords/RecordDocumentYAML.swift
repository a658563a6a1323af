import Yams

/// `helm history -o yaml`, `kubectl get … -o yaml` and `argocd app get -o yaml`
/// as the same tree their JSON gives: every scalar kept as its text (so
/// `app_version: 1.10` stays `1.10`), `null`/`~` as null, marks as lines.
enum RecordDocumentYAML {
    /// Why a document is not YAML, and where.
    struct Failure: Error {
        var line: Int
        var message: String
    }

    static func parse(_ text: String) throws(Failure) -> RecordDocument? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw Failure(line: mark.line, message: problem)
            default:
                throw Failure(line: 0, message: "\(error)")
            }
        } catch {
            throw Failure(line: 0, message: "\(error)")
        }
        return root.map { document(from: $0, depth: 0) }
    }

    private static func document(from node: Node, depth: Int) -> RecordDocument {
        let line = node.mark?.line ?? 1
        // Same bound as the JSON parser: deeper nodes are not change records.
        guard depth < RecordDocumentJSON.maxDepth else { return RecordDocument(value: .null, line: line) }
        switch node {
        case .scalar(let scalar):
            // A quoted "null" resolves to a string, so only a real null is one.
            if node.null != nil { return RecordDocument(value: .null, line: line) }
            return RecordDocument(value: .scalar(scalar.string), line: line)
        case .sequence(let sequence):
            return RecordDocument(value: .array(sequence.map { document(from: $0, depth: depth + 1) }), line: line)
        case .mapping(let mapping):
            var members = [String: RecordDocument]()
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                members[name] = document(from: value, depth: depth + 1)
            }
            return RecordDocument(value: .object(members), line: line)
        }
    }
}
