import CulpritModel

/// The fields of a CSV row or a JSON Lines object, and the names culprit
/// accepts for each (case-insensitive): the first name is the documented one.
enum ChangeField: Int, CaseIterable {
    case time, service, version, kind, sha, actor

    var names: [String] {
        switch self {
        case .time: return ["time", "timestamp", "at"]
        case .service: return ["service"]
        case .version: return ["version"]
        case .kind: return ["kind", "type", "change"]
        case .sha: return ["sha", "commit"]
        case .actor: return ["actor", "user", "author"]
        }
    }

    /// The field a column or key names, if any.
    init?(name: String) {
        let lowered = name.lowercased()
        guard let field = Self.allCases.first(where: { $0.names.contains(lowered) }) else { return nil }
        self = field
    }
}

/// One row's or object's values, by field; empty values are absent.
struct ChangeFieldValues {
    private var values: (String?, String?, String?, String?, String?, String?) = (nil, nil, nil, nil, nil, nil)

    subscript(field: ChangeField) -> String? {
        get {
            switch field {
            case .time: return values.0
            case .service: return values.1
            case .version: return values.2
            case .kind: return values.3
            case .sha: return values.4
            case .actor: return values.5
            }
        }
        set {
            let value = newValue?.isEmpty == true ? nil : newValue
            switch field {
            case .time: values.0 = value
            case .service: values.1 = value
            case .version: values.2 = value
            case .kind: values.3 = value
            case .sha: values.4 = value
            case .actor: values.5 = value
            }
        }
    }

    /// The change these values describe; `raw` is the row as written, kept as evidence.
    func marker(context: ChangeRecordContext, line: Int, raw: String) throws(ChangeRecordError) -> ChangeMarker {
        guard let timeText = self[.time] else { throw context.error("missing time", line: line) }
        guard let time = context.time(timeText) else {
            throw context.error("cannot read time '\(timeText.prefix(40))' (use RFC 3339, e.g. 2025-03-12T01:50:00Z)", line: line)
        }
        guard let service = self[.service] ?? context.source.name else {
            throw context.error("missing service (or give it as --deploys NAME=FILE)", line: line)
        }
        var kind = ChangeMarker.Kind.deploy
        if let kindText = self[.kind] {
            guard let parsed = ChangeMarker.Kind(rawValue: kindText.lowercased()) else {
                throw context.error("unknown kind '\(kindText.prefix(40))' (deploy, rollback, restart or config)", line: line)
            }
            kind = parsed
        }
        return ChangeMarker(service: service, version: self[.version], kind: kind, time: time,
                            evidence: context.evidence(line: line, time: time, text: raw), sha: self[.sha], actor: self[.actor])
    }
}
