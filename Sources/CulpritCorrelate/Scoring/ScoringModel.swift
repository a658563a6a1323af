import CulpritModel

/// Every number that decides a verdict, in one place: the detectors'
/// thresholds and windows, the ranking's weights, lags and verdict cut-offs,
/// the new-message weights and the windows that merge change records.
///
/// The methods are documented where they run (`MemoryGrowthDetector`,
/// `ErrorSpikeDetector`, `LatencySpikeDetector`, `EventClusterDetector`,
/// `SuspectRanking`, `NewMessageDetector`, `ChangeInference`); what they run
/// with is here. `ScoringModel()` is the model culprit ships with. Times are
/// microseconds unless a name says minutes.
public struct ScoringModel: Sendable {
    /// The anomaly detectors' thresholds.
    public var detection = Detection()
    /// How changes are scored against the anomalies.
    public var ranking = Ranking()
    /// When a message counts as new or risen with a change, and how much it weighs.
    public var messages = Messages()
    /// How near-duplicate change records are merged.
    public var changes = Changes()

    /// The model culprit ships with.
    public init() {}

    /// Thresholds of the anomaly detectors. Four are command-line options of
    /// `analyze` and `report`: `--leak-p` (`leakPValue`), `--leak-min-mb-per-min`
    /// (`leakMinimumBytesPerMinute`), `--spike-ratio` (`spikeMinimumRatio`) and
    /// `--spike-window` (`spikeWindowMinutes`); the rest are fixed here.
    public struct Detection: Sendable {
        /// Memory: a segment needs this many per-minute samples after the onset.
        public var leakMinimumSamples = 8
        /// Memory: Mann–Kendall one-sided p-value below which growth is a trend.
        public var leakPValue = 0.01
        /// Memory: growth over the segment must be at least this fraction of its starting level.
        public var leakMinimumRelativeGrowth = 0.10
        /// Memory: and at least this many bytes per minute.
        public var leakMinimumBytesPerMinute = 256.0 * 1024
        /// Memory: a fall of more than this fraction between two samples is a reset.
        public var memoryResetDrop = 0.35
        /// Memory: growth from the first sample is pre-existing only when that sample
        /// is within this long of the service's first line (a new pod's series
        /// starting at a deploy is not pre-existing).
        public var memoryPreExistingSlack: Int64 = 5 * 60_000_000
        /// Memory: a slope before the onset under this fraction of the slope after it is "flat before".
        public var memoryFlatBeforeRatio = 0.2
        /// Memory that grew before a restart at least this fraction as fast as it
        /// grows after it is the same leak going on: already there, not the restart's or the deploy's.
        public var memoryContinuedRatio = 0.6
        /// Errors and latency: minutes in the detection window.
        public var spikeWindowMinutes = 5
        /// Errors: baseline minutes needed before a spike can be judged.
        public var spikeBaselineMinutes = 3
        /// Errors: the baseline is at most this many minutes before the window.
        public var spikeBaselineHorizonMinutes = 60
        /// Errors: a spike ends at the first this-many minutes back under twice the baseline rate.
        public var spikeRecoveryMinutes = 10
        /// Errors: Poisson tail probability below which the window is a spike.
        public var spikePValue = 1e-4
        /// Errors: window rate must be at least this multiple of the baseline rate.
        public var spikeMinimumRatio = 4.0
        /// Errors: and at least this many errors in the window.
        public var spikeMinimumErrors = 5
        /// Latency: window median must be at least this multiple of the baseline median…
        public var latencyMinimumRatio = 3.0
        /// … and at least this many seconds above it.
        public var latencyMinimumIncrease = 0.2
        /// Latency: the baseline is the minutes with samples in this many minutes before the window…
        public var latencyBaselineMinutes: Int64 = 60
        /// … of which at least this many have samples.
        public var latencyMinimumBaselineMinutes = 5
        /// Latency: slow-line counting (services that log only slow requests) needs a window median of at least this many seconds.
        public var latencySlowLineSeconds = 1.0
        /// Latency: a spike ends when the minutes with samples stay under this multiple of the baseline median…
        public var latencyRecoveryRatio = 1.5
        /// … for this many minutes.
        public var latencyRecoveryMinutes: Int64 = 10
        /// OOM kills, crashes and restarts closer than this many minutes to each other are one cluster.
        public var clusterGapMinutes: Int64 = 30
        /// Restarts: this many within `restartLoopMinutes` is a crash loop.
        public var restartLoopCount = 3
        /// Restarts: the span, in minutes, those `restartLoopCount` restarts must fall within.
        public var restartLoopMinutes = 15

        /// The default thresholds.
        public init() {}
    }

    /// How `SuspectRanking` turns a change's evidence into a score:
    /// score = logistic(`prior` × points⁺ − points⁻ − `offset`), rounded to 0.001.
    public struct Ranking: Sendable {
        /// An anomaly beginning within this long after a change gets its kind's full weight (30 min).
        public var prompt: Int64 = 30 * 60_000_000
        /// Past `prompt`, the weight decays as e^(−(lag − prompt)/`decay`) (90 min)…
        public var decay = 90.0 * 60_000_000
        /// … and past this lag an anomaly is not credited to the change at all (6 h);
        /// records older than this before the first event are left out.
        public var horizon: Int64 = 6 * 3_600_000_000
        /// An anomaly beginning up to this long before a change is still the change's (2 min).
        public var slack: Int64 = 2 * 60_000_000
        /// Added to a memory leak's weight when memory was flat before the change.
        public var flatBeforeBonus = 0.5
        /// Added to an error spike's weight when the rate rose at least `errorSpikeBonusRatio`-fold.
        public var errorSpikeBonus = 0.5
        /// See `errorSpikeBonus`.
        public var errorSpikeBonusRatio = 10.0
        /// An anomaly already under way before the change counts −this × its kind's weight.
        public var preexistingPenalty = 0.8
        /// A later rollback after which the anomaly ended between `rollbackRecoveryBefore`
        /// before it and `rollbackRecoveryAfter` after it: +this.
        public var rollbackRecovery = 1.5
        /// See `rollbackRecovery` (5 min).
        public var rollbackRecoveryBefore: Int64 = 5 * 60_000_000
        /// See `rollbackRecovery` (45 min).
        public var rollbackRecoveryAfter: Int64 = 45 * 60_000_000
        /// A later rollback after which the anomaly went on: −this.
        public var noRecoveryPenalty = 1.0
        /// A restart that gave only temporary relief (memory grew again): +this.
        public var restartRelief = 0.5
        /// Each anomaly of another service beginning after the change's own: +this…
        public var symptomWeight = 0.5
        /// … up to this in all.
        public var symptomCap = 1.5
        /// For a service with no telemetry of its own, each other service's anomaly
        /// within `prompt` after the change: +this…
        public var unseenSymptomWeight = 0.3
        /// … up to this in all.
        public var unseenSymptomCap = 1.0
        /// An error or latency spike is prompt for this long after a change (5 min):
        /// a release that breaks requests breaks them once it serves them…
        public var requestPrompt: Int64 = 5 * 60_000_000
        /// … and past it the spike's weight decays as e^(−(lag − requestPrompt)/this) (20 min).
        public var requestDecay = 20.0 * 60_000_000
        /// An error spike most of whose errors report another system failing counts
        /// × (1 − that share) when it began later than `requestPrompt` after the
        /// change, after that system's own trouble, or within `slack` of another
        /// service's errors about the same system: the failure is the dependency's.
        public var dependencyShareFloor = 0.5
        /// Subtracted before the logistic: a change with no evidence scores 0.119.
        public var offset = 2.0
        /// The lowest score that is `likely`.
        public var likelyThreshold = 0.7
        /// The lowest score that is `possible`.
        public var possibleThreshold = 0.4

        /// The default ranking.
        public init() {}

        /// How strongly an anomaly of `kind` in a service points at a change of that
        /// same service when it begins soon after the change.
        public func weight(of kind: Anomaly.Kind) -> Double {
            switch kind {
            case .memoryGrowth: return 3.0
            case .errorSpike: return 2.5
            case .latencySpike: return 1.5
            case .restartLoop: return 1.5
            case .oom: return 1.0
            case .crash: return 1.0
            }
        }

        /// How much a change of `kind` is suspected before any evidence: new code and
        /// config changes break things; restarts and rollbacks rarely do.
        public func prior(of kind: ChangeMarker.Kind) -> Double {
            switch kind {
            case .deploy: return 1.0
            case .config: return 0.8
            case .rollback: return 0.4
            case .restart: return 0.35
            }
        }
    }

    /// When `NewMessageDetector` calls a message template new or risen with a
    /// change, and what it weighs (its doc comment gives the method).
    public struct Messages: Sendable {
        /// A rollout may start logging this long before the record that reports it (60 s).
        public var slack: Int64 = 60_000_000
        /// A template first seen more than this long after the change is not its (6 h).
        public var horizon: Int64 = 6 * 3_600_000_000
        /// The service must have been logging this many minutes before the change…
        public var baselineMinutes: Int64 = 20
        /// … or at least this many, when the template is frequent enough after it
        /// that its absence before is itself unlikely (`newPValue`).
        public var minimumBaselineMinutes: Int64 = 3
        /// A shorter baseline is enough when, at the template's rate after the
        /// change, seeing none of it before had a Poisson probability below this.
        public var newPValue = 0.01
        /// Occurrences are counted over this many minutes…
        public var windowMinutes: Int64 = 60
        /// … the window counted as at least this many minutes long.
        public var minimumWindowMinutes: Int64 = 10
        /// A new template needs this many occurrences in the window.
        public var minimumNewCount = 5
        /// A risen template needs this many occurrences after the change…
        public var minimumRiseCount = 10
        /// … at least this many times its rate before…
        public var riseFactor = 5.0
        /// … with a Poisson tail probability below this.
        public var risePValue = 1e-4
        /// The rate, per minute, at which a template gets its full weight.
        public var saturationPerMinute = 1.0
        /// A frequent new error message's weight (below a memory leak's 3).
        public var errorWeight = 2.95
        /// A frequent new warning message's weight.
        public var warningWeight = 2.9
        /// A risen template weighs this fraction of a new one.
        public var riseShare = 0.5

        /// The default thresholds.
        public init() {}

        /// How strongly a frequent new message of `kind` points at the change.
        public func weight(of kind: EventKind) -> Double { kind == .error ? errorWeight : warningWeight }
    }

    /// How `ChangeInference` merges change records and reads changes from the logs.
    public struct Changes: Sendable {
        /// Records of one service this close (10 min) whose kinds and versions agree are one change;
        /// records later than this after the last event are left out.
        public var mergeWindow: Int64 = 10 * 60_000_000
        /// How long after a service's first line a new instance must start to be a rollout (2 min).
        public var newInstanceDelay: Int64 = 2 * 60_000_000
        /// A restart this close to a deploy or rollback of its service is that deploy's own
        /// restart rather than a change of its own (2 min).
        public var restartAbsorbWindow: Int64 = 2 * 60_000_000
        /// A restart read from the logs up to this long after an OOM kill or a crash of
        /// its service is the supervisor's crash restart, a symptom rather than a change
        /// (2 min: systemd and Docker restart within seconds; a start minutes after a
        /// death no supervisor announced is an operator's restart).
        public var crashRestartWindow: Int64 = 2 * 60_000_000
        /// … and so is one up to this long after a supervisor's own restart line (kubelet's
        /// `back-off 5m0s restarting failed container` announces a start up to 5 min later) (6 min).
        public var crashRestartAnnounced: Int64 = 6 * 60_000_000
        /// Crash restarts closer than this are one restart (a supervisor's line and the
        /// process's own start line) (60 s).
        public var crashRestartMerge: Int64 = 60_000_000

        /// The default windows.
        public init() {}
    }
}

/// The detectors' thresholds (`ScoringModel.Detection`), by the name they had before the scoring model.
public typealias DetectionOptions = ScoringModel.Detection
