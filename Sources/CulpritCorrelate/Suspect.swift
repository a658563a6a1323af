import CulpritModel

/// A change ranked as a possible cause, with its evidence.
public struct Suspect: Sendable {
    /// The contract's verdicts, from the score: likely ≥ 0.7, possible ≥ 0.4.
    public enum Verdict: String, Sendable, Codable {
        case likely, possible, unlikely

        /// The lowest score that is `likely`.
        public static let likelyThreshold = 0.7
        /// The lowest score that is `possible`.
        public static let possibleThreshold = 0.4

        /// The verdict for `score` (in [0, 1]).
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
        /// One sentence for people: what was seen, with its figures.
        public var summary: String
        /// The log lines that show it.
        public var lines: [EvidenceLine]
        /// Points for (positive) or against (negative) the suspect, before the score's logistic.
        public var weight: Double
        /// The services the evidence is about, when they are others (symptoms).
        public var services: [String] = []
        /// The message templates it is about (`new_messages`, `rising_messages`).
        public var messages: [MessageNovelty] = []

        /// Where its lines are.
        public var refs: [SourceRef] { lines.map(\.ref) }
    }

    /// The change suspected.
    public var change: ChangeMarker
    /// How well it explains the anomalies, in [0, 1] (see `SuspectRanking`).
    public var score: Double
    /// The contract's verdict for `score`.
    public var verdict: Verdict
    /// Why: the change itself first, then the reasons, strongest first.
    public var evidence: [Evidence]
    /// With `--repo`: the commits of the change, best-ranked first (`SuspectCommitFinder`).
    public var commits: [SuspectCommit] = []
}
