/// What an extracted event says happened. The raw values are the contract's
/// `kind` names for `culprit extract` output.
public enum EventKind: String, Sendable, CaseIterable, Codable, Comparable {
    case memory, oom, gc, error, http, latency, start, deploy, rollback, restart, config

    /// Whether events of this kind mark a change to a service (a candidate culprit).
    public var isChange: Bool {
        switch self {
        case .deploy, .rollback, .restart, .config: return true
        default: return false
        }
    }

    public static func < (lhs: EventKind, rhs: EventKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
