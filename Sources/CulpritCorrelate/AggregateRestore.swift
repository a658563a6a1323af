import CulpritModel

/// Rebuilding an `EventAggregator` from an event store's aggregates instead of
/// its events (`analyze --source`): the store sums the dense kinds (requests,
/// latency samples, memory figures) per service and minute, and hands over the
/// sparse ones (errors, warnings, OOM kills, starts, changes) as events, which
/// are replayed through the same path as a local run's.
///
/// Restored this way the aggregator holds what a local run over the same
/// lines would, except where a local run depends on the order files were
/// read in: the store breaks ties by path, then line.
extension EventAggregator {
    /// Replays one sparse event as `add` would, except that its version is left
    /// to `restoreVersion` (the store aggregates versions of every kind at once).
    package mutating func replay(_ event: LogEvent) {
        add(event, notingVersion: false)
    }

    /// Counts `count` timed dense events of `service` on `instance` between `first` and `last` (µs).
    package mutating func restoreSpan(service: String, instance: String, first: Int64, last: Int64, count: Int) {
        eventCount += count
        update(service) { activity in
            activity.firstTime = min(activity.firstTime ?? first, first)
            activity.lastTime = max(activity.lastTime ?? last, last)
            ServiceActivity.lower(&activity.instanceFirstSeen[instance, default: first], to: first)
        }
    }

    /// Counts `count` events that had no time.
    package mutating func restoreUntimed(count: Int) {
        untimedEvents += count
    }

    /// One minute's request and latency figures of `service` (request lines and latency samples summed by the store).
    package mutating func restoreMinute(service: String, minute: Int64, _ figures: MinuteFigures) {
        update(service) { activity in
            var stats = activity.minutes[minute] ?? MinuteStats()
            stats.requests += figures.requests
            stats.serverErrors += figures.serverErrors
            if stats.firstServerError == nil { stats.firstServerError = figures.firstServerError }
            stats.latencyCount += figures.latencyCount
            stats.latencySum += figures.latencySum
            if figures.latencyCount > 0, figures.latencyMax >= stats.latencyMax {
                stats.latencyMax = figures.latencyMax
                stats.slowest = figures.slowest
            }
            activity.minutes[minute] = stats
        }
    }

    /// The lowest memory figure of `instance` in one minute (`evidence` its line) and the largest limit any of its lines gave.
    package mutating func restoreMemory(service: String, instance: String, bytes: Double, evidence: EvidenceLine, limit: Double?) {
        guard let time = evidence.time, bytes > 0 else { return }
        update(service) { activity in
            activity.memory[instance, default: MemorySeries(instance: instance)].add(bytes: bytes, at: time, evidence: evidence)
            if let limit { activity.memory[instance]!.limit = max(activity.memory[instance]!.limit ?? 0, limit) }
        }
    }

    /// One stretch of `version` on `instance`, seen from `first` (its line `evidence`) to `last`;
    /// stretches must come in time order per instance.
    package mutating func restoreVersion(service: String, instance: String, version: String, evidence: EvidenceLine, first: Int64, last: Int64) {
        update(service) { activity in
            activity.noteVersion(version, instance: instance, evidence: evidence, time: first)
            activity.noteVersion(version, instance: instance, evidence: evidence, time: last)
        }
    }

    private mutating func update(_ service: String, _ change: (inout ServiceActivity) -> Void) {
        change(&services[service, default: ServiceActivity(name: service)])
    }
}

/// One service's request and latency figures for one minute, as an event store sums them.
public struct MinuteFigures: Sendable, Equatable {
    /// Request lines.
    public var requests = 0
    /// Requests answered 5xx.
    public var serverErrors = 0
    /// The minute's first 5xx response (by path, then line).
    public var firstServerError: EvidenceLine?
    /// Latency samples: request durations and latency lines, in seconds.
    public var latencyCount = 0
    /// Their sum, in seconds.
    public var latencySum = 0.0
    /// The largest, in seconds.
    public var latencyMax = 0.0
    /// The line of the largest (the last such, by path then line).
    public var slowest: EvidenceLine?

    /// Empty figures.
    public init() {}
}
