import CulpritModel

/// A change ranked as a possible cause, with its evidence.
public struct Suspect: Sendable {
    /// The contract's verdicts, from the score: likely ≥ 0.7, possible ≥ 0.4
    /// (`ScoringModel.Ranking.likelyThreshold`, `possibleThreshold`).
    public enum Verdict: String, Sendable, Codable {
        case likely, possible, unlikely

        /// The verdict for `score` (in [0, 1]) under `ranking`'s thresholds.
        public init(score: Double, ranking: ScoringModel.Ranking = ScoringModel.Ranking()) {
            self = score >= ranking.likelyThreshold ? .likely : score >= ranking.possibleThreshold ? .possible : .unlikely
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
