import CulpritModel

/// Everything an analysis concludes, ready to render: the ranked suspects, the
/// anomalies, the changes, a timeline, and per-service series for charts.
public struct Findings: Sendable {
    /// First and last event time in the window, microseconds.
    public var window: (start: Int64, end: Int64)?
    /// The changes, ranked: most likely cause first.
    public var suspects: [Suspect]
    /// The anomalies with a time, by start.
    public var anomalies: [Anomaly]
    /// Every change known: from records and inferred from the logs.
    public var changes: [ChangeMarker]
    /// The incident's moments in time order.
    public var timeline: [TimelineEntry]
    /// Per service, the series the charts draw.
    public var services: [ServiceSeries]
    /// Timed events analysed.
    public var eventCount: Int
    /// Anomalies no time could be put on (an OOM kill in a `dmesg` uptime log, a
    /// crash dump on its own): evidence to show, never credited to a change,
    /// since nothing says they came after it.
    public var undatedAnomalies: [Anomaly] = []
    /// What became of each input read for these findings.
    public var inputs: [InputAccount] = []
    /// Per service, the templates of its error and warning messages that came with a change, and the most frequent.
    public var templates: [ServiceTemplates] = []

    /// Read inputs that yielded no event, and inputs skipped: what a reader must
    /// know before trusting "no anomalies".
    public var unrecognisedInputs: [InputAccount] { inputs.filter(\.yieldedNothing) }
    /// Inputs not read for events (binary, not a log, unreadable).
    public var skippedInputs: [InputAccount] { inputs.filter { $0.skipped != nil } }

    /// The `--since`/`--until` window selected no log line of those read.
    public var emptyWindow: EmptyWindow?
    /// A `--since` bound cut earlier lines off: the analysis starts where the window does (`startPhrase`).
    public internal(set) var startIsWindow = false

    /// Nothing at all was recognised in what was read: no verdict can be given.
    public var lacksData: Bool { eventCount == 0 && undatedAnomalies.isEmpty && !inputs.isEmpty && emptyWindow == nil }
    /// How change records naming services the logs do not were tied to them.
    public var serviceMatches: [ServiceMatch] = []

    /// Findings from their parts (an analysis builds them; renderers and tests read them).
    public init(window: (start: Int64, end: Int64)?, suspects: [Suspect], anomalies: [Anomaly], changes: [ChangeMarker],
                timeline: [TimelineEntry], services: [ServiceSeries], eventCount: Int) {
        self.window = window
        self.suspects = suspects
        self.anomalies = anomalies
        self.changes = changes
        self.timeline = timeline
        self.services = services
        self.eventCount = eventCount
    }

    /// The top suspect when it is at least possible.
    public var culprit: Suspect? { suspects.first.flatMap { $0.verdict == .unlikely ? nil : $0 } }
}

/// One moment of the incident, in order.
public struct TimelineEntry: Sendable {
    /// When it happened, microseconds since the epoch (UTC).
    public var time: Int64
    /// The service it happened in.
    public var service: String
    /// What happened, in a few words.
    public var title: String
    /// The log line that shows it, when there is one.
    public var evidence: EvidenceLine?

    /// A moment of the incident, with the line that shows it when there is one.
    public init(time: Int64, service: String, title: String, evidence: EvidenceLine?) {
        self.time = time
        self.service = service
        self.title = title
        self.evidence = evidence
    }
}

/// A service's series for charts: memory per minute (the highest instance's
/// floor), errors and requests per minute, latency per minute, plus its OOM kills.
public struct ServiceSeries: Sendable {
    /// The service the series are of.
    public var service: String
    /// Memory per minute: the highest instance's floor, bytes.
    public var memory: [(minute: Int64, bytes: Double)]
    /// The highest known memory limit, bytes.
    public var memoryLimit: Double?
    /// Errors and requests per minute.
    public var errors: [(minute: Int64, errors: Int, requests: Int)]
    /// Times of its OOM kills, microseconds.
    public var ooms: [Int64]
    /// Per minute with latency samples (request durations, slow-query lines):
    /// their mean and the slowest, seconds.
    public var latency: [(minute: Int64, mean: Double, slowest: Double)]

    /// A service's series; `minute` counts minutes since the epoch, `ooms` are times in microseconds.
    public init(service: String, memory: [(minute: Int64, bytes: Double)], memoryLimit: Double?,
                errors: [(minute: Int64, errors: Int, requests: Int)], ooms: [Int64],
                latency: [(minute: Int64, mean: Double, slowest: Double)] = []) {
        self.service = service
        self.memory = memory
        self.memoryLimit = memoryLimit
        self.errors = errors
        self.ooms = ooms
        self.latency = latency
    }
}
