/// A change to one service in a drawn incident, guilty or innocent, as the
/// change records and the logs show it.
struct ChangeEvent: Sendable {
    enum Kind: String, Sendable {
        case deploy, rollback, restart, config
    }

    var service: String
    /// The version running after the change (for a config change or a restart,
    /// the one already running).
    var version: String
    /// The version running before it.
    var previousVersion: String
    var kind: Kind
    /// When the change record says it happened (the rollout's start).
    var time: LogInstant
    /// Whether the change causes the incident.
    var guilty: Bool
    /// Whether the change restarts the service's process (a deploy always does;
    /// a config change does when it is rolled out by restarting the pods).
    var restartsProcess: Bool
    /// Commit and actor, as a CI system records them.
    var sha: String
    var actor: String
}

/// A process lifetime of a service: from its start to its end (or the end of
/// the logs), running one version.
struct ProcessLifetime: Sendable {
    enum Ending: Sendable {
        /// Still running when the logs end.
        case running
        /// SIGTERM for a rollout or restart.
        case stopped
        /// Killed by the kernel's OOM killer at its memory limit.
        case oomKilled
    }

    var start: LogInstant
    var end: LogInstant
    var ending: Ending
    var version: String
    var pid: Int
    /// Memory at start, MB, and its growth per minute.
    var baseMB: Double
    var slopeMBPerMinute: Double
    /// When the process is ready to serve (start-up done).
    var ready: LogInstant
    /// The number of restarts in a row after OOM kills, for the back-off.
    var crashCount: Int
}
