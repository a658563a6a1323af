/// What an extracted event says happened. The raw values are the contract's
/// `kind` names for `culprit extract` output.
public enum EventKind: String, Sendable, CaseIterable, Codable, Comparable {
    case memory, oom, gc, error, http, latency, start, deploy, rollback, restart, config
    /// A record at warning level that no other pattern explained: weaker than an error.
    case warning

    /// Whether events of this kind mark a change to a service (a candidate culprit).
    public var isChange: Bool {
        switch self {
        case .deploy, .rollback, .restart, .config: return true
        default: return false
        }
    }

    /// A small number per kind, for bit sets.
    public var ordinal: Int {
        switch self {
        case .memory: return 0
        case .oom: return 1
        case .gc: return 2
        case .error: return 3
        case .http: return 4
        case .latency: return 5
        case .start: return 6
        case .deploy: return 7
        case .rollback: return 8
        case .restart: return 9
        case .config: return 10
        case .warning: return 11
        }
    }

    /// By name, for stable output.
    public static func < (lhs: EventKind, rhs: EventKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
