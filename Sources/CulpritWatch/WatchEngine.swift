import CulpritModel
import CulpritCorrelate
import CulpritRender

/// The incremental analysis behind `watch`: folds events into a sliding window
/// of aggregates and re-runs the analysis at each new minute of log time (and
/// when the input goes quiet), handing back the alerts whose state changed.
///
/// Evaluation happens *before* the first event of a new minute is added, so the
/// alerts and their log times depend only on the lines, not on how fast they
/// arrive: a replay fires what a live run would have fired.
public struct WatchEngine: Sendable {
    /// The aggregates of the sliding window.
    public private(set) var aggregator = EventAggregator()
    package private(set) var tracker = AlertTracker()
    /// The analysis run at each evaluation.
    public let analyzer: Analyzer
    /// The change records (`--deploys`).
    public let records: [ChangeMarker]
    /// The sliding window kept, in microseconds (`--window`, default 6 h).
    public let window: Int64
    /// The newest log time seen.
    public private(set) var clock: Int64?
    private var dirty = false
    /// The findings of the last evaluation.
    public private(set) var lastFindings: Findings?
    /// Timed events per log minute, pruned with the aggregates: what the window holds.
    private var eventsByMinute = [Int64: Int]()
    /// The events in the sliding window now (the aggregator's `eventCount` counts every event ever added).
    public private(set) var eventsInWindow = 0

    /// An engine with `analyzer`, `records` and a window of `window` microseconds (default 6 h);
    /// the alerts' lines for people give their times on `displayClock`.
    public init(analyzer: Analyzer = Analyzer(), records: [ChangeMarker] = [], window: Int64 = 6 * 3_600_000_000,
                displayClock: DisplayClock = .utc) {
        self.analyzer = analyzer
        self.records = records
        self.window = window
        tracker.clock = displayClock
    }

    /// Adds events in arrival order; returns the alerts they caused.
    public mutating func ingest(_ events: [LogEvent]) -> [Alert] {
        var alerts = [Alert]()
        for event in events {
            if let time = event.time, let clock, time / 60_000_000 > clock / 60_000_000, dirty {
                alerts += evaluate()
            }
            aggregator.add(event)
            if let time = event.time {
                clock = max(clock ?? time, time)
                eventsByMinute[time / 60_000_000, default: 0] += 1
                eventsInWindow += 1
            }
            dirty = true
            if event.kind == .oom, let alert = tracker.oom(event) { alerts.append(alert) }
        }
        return alerts
    }

    /// Re-runs the analysis as of the newest log time (the input went quiet, or ended).
    public mutating func evaluate() -> [Alert] {
        guard let clock else { return [] }
        dirty = false
        aggregator.prune(before: clock - window)
        pruneEventCounts(before: clock - window)
        let relevant = records.filter { $0.time <= clock && $0.time >= clock - window }
        let findings = analyzer.analyze(aggregator, records: relevant)
        lastFindings = findings
        return tracker.update(with: findings, now: clock)
    }

    /// Forgets the counts of minutes before `time`'s minute, as `EventAggregator.prune(before:)` does.
    private mutating func pruneEventCounts(before time: Int64) {
        let minute = time / 60_000_000
        for (key, count) in eventsByMinute where key < minute {
            eventsByMinute[key] = nil
            eventsInWindow -= count
        }
    }

    /// Whether events arrived since the last evaluation.
    public var hasPendingEvents: Bool { dirty }
}
