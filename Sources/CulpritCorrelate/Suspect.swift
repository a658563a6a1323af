import CulpritModel

/// A change ranked as a possible cause, with its evidence.
public struct Suspect: Sendable {
    /// The contract's verdicts, from the score: likely ≥ 0.7, possible ≥ 0.4.
    public enum Verdict: String, Sendable, Codable {
        case likely, possible, unlikely

        public static let likelyThreshold = 0.7
        public static let possibleThreshold = 0.4

        public init(score: Double) {
            self = score >= Self.likelyThreshold ? .likely : score >= Self.possibleThreshold ? .possible : .unlikely
        }
    }

    /// One reason for (positive weight) or against (negative) a suspect.
    public struct Evidence: Sendable {
        /// `change`, `memory_growth`, `error_spike`, `latency_spike`, `oom`, `restart_loop`, `crash`,
        /// `symptom`, `rollback_recovery`, `restart_relief`, `preexisting`, `no_recovery`,
        /// `new_messages`, `rising_messages`.
        public var signal: String
        public var summary: String
        public var lines: [EvidenceLine]
        public var weight: Double
        /// The services the evidence is about, when they are others (symptoms).
        public var services: [String] = []
        /// The message templates it is about (`new_messages`, `rising_messages`).
        public var messages: [MessageNovelty] = []

        public var refs: [SourceRef] { lines.map(\.ref) }
    }

    public var change: ChangeMarker
    public var score: Double
    public var verdict: Verdict
    public var evidence: [Evidence]
    /// With `--repo`: the commits of the change, best-ranked first (`SuspectCommitFinder`).
    public var commits: [SuspectCommit] = []
}
