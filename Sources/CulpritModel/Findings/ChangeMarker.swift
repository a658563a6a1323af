/// A change to a service: a candidate culprit.
public struct ChangeMarker: Sendable, Hashable {
    /// The contract's `change` values.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case deploy, rollback, restart, config

        package init?(_ kind: EventKind) {
            switch kind {
            case .deploy: self = .deploy
            case .rollback: self = .rollback
            case .restart: self = .restart
            case .config: self = .config
            default: return nil
            }
        }
    }

    /// The service changed.
    public var service: String
    /// The version it changed to, when known.
    public var version: String?
    /// What kind of change.
    public var kind: Kind
    /// Microseconds since the epoch, UTC.
    public var time: Int64
    /// The version running before the change, when known.
    public var previousVersion: String?
    /// Where the change is recorded: deploy records and log lines.
    public var evidence: [EvidenceLine]
    /// The commit deployed, when the record gives it.
    public var sha: String?
    /// Who made the change, when the record says.
    public var actor: String?
    /// Other names a change record gives the service (a Deployment's
    /// containers), tried when its own name is not a service of the logs.
    public var alsoKnownAs: [String] = []

    /// A change from its parts.
    public init(service: String, version: String?, kind: Kind, time: Int64, previousVersion: String? = nil,
                evidence: [EvidenceLine], sha: String? = nil, actor: String? = nil) {
        self.service = service
        self.version = version
        self.kind = kind
        self.time = time
        self.previousVersion = previousVersion
        self.evidence = evidence
        self.sha = sha
        self.actor = actor
    }

    /// `auth-service 2.3.1 (deploy)`.
    public var label: String {
        "\(service)\(version.map { " " + $0 } ?? "") (\(kind.rawValue))"
    }
}
