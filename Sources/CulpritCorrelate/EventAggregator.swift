import CulpritModel

/// Folds the event stream into per-service activity as it goes by. This is
/// the only state `analyze`, `report` and `watch` keep; its size depends on
/// the time span and the number of services, not on the number of lines.
public struct EventAggregator: Sendable, Codable {
    package internal(set) var services: [String: ServiceActivity] = [:]
    /// Timed events added inside the window.
    public internal(set) var eventCount = 0
    /// Events added without a time: counted, but kept only as undated OOM evidence.
    public internal(set) var untimedEvents = 0
    /// OOM kills no time could be put on (`TimeQuality.unknown`), per service,
    /// one line per kill: still evidence, reported as anomalies of unknown time.
    /// Kept only while no window is set, since they cannot be placed in one.
    public private(set) var undatedOOMs: [String: [EvidenceLine]] = [:]
    /// The window to keep (`--since`/`--until`), in microseconds; nil bounds are open.
    public var since: Int64?
    /// The window's end, microseconds; nil for open.
    public var until: Int64?
    /// The oldest and newest timed lines left out for falling outside the window,
    /// so an empty window can say where the lines were.
    public private(set) var outsideWindow: LinesOutsideWindow?

    /// An empty aggregator keeping events between `since` and `until` (microseconds; nil is open).
    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    /// Folds one event in: counted when it has a time inside the window, else counted as untimed.
    public mutating func add(_ event: LogEvent) {
        add(event, notingVersion: true)
    }

    /// `add`, with the event's version left out of the version runs when `notingVersion`
    /// is false (an event store restores those from its own aggregate: `restoreVersion`).
    mutating func add(_ event: LogEvent, notingVersion: Bool) {
        guard let time = event.time else {
            untimedEvents += 1
            if event.kind == .oom, since == nil, until == nil { addUndatedOOM(event) }
            return
        }
        if let since, time < since { return noteOutsideWindow(time: time, ref: event.ref) }
        if let until, time > until { return noteOutsideWindow(time: time, ref: event.ref) }
        eventCount += 1
        let instance = event.host ?? event.ref.path
        services[event.service, default: ServiceActivity(name: event.service)].add(event, instance: instance, notingVersion: notingVersion)
    }

    /// Folds `events` in, in order.
    public mutating func add(_ events: [LogEvent]) {
        // By index, so each event is read in place rather than copied (a retain per string).
        for index in events.indices { add(events[index]) }
    }

    private mutating func noteOutsideWindow(time: Int64, ref: SourceRef) {
        if outsideWindow == nil { outsideWindow = LinesOutsideWindow(.init(time: time, ref: ref)) } else { outsideWindow!.include(time: time, ref: ref) }
    }

    /// How many lines one kernel OOM report spans (`invoked oom-killer`, the
    /// task table, `Killed process`): undated lines of one file this close are one kill.
    static let undatedOOMReportLines = 60
    /// At most this many undated kills are kept per service.
    static let undatedOOMCap = 50

    /// The last undated OOM line seen per service, to tell a kill's later lines from the next kill.
    private var undatedOOMTail: [String: SourceRef] = [:]

    private mutating func addUndatedOOM(_ event: LogEvent) {
        defer { undatedOOMTail[event.service] = event.ref }
        if let tail = undatedOOMTail[event.service], tail.path == event.ref.path,
           event.ref.line - tail.line <= Self.undatedOOMReportLines { return }
        if undatedOOMs[event.service, default: []].count < Self.undatedOOMCap {
            undatedOOMs[event.service, default: []].append(EvidenceLine(event))
        }
    }

    /// The first and last event times seen.
    public var span: (start: Int64, end: Int64)? {
        let starts = services.values.compactMap(\.firstTime)
        let ends = services.values.compactMap(\.lastTime)
        guard let start = starts.min(), let end = ends.max() else { return nil }
        return (start, end)
    }

    /// Forgets everything before `time` (microseconds).
    public mutating func prune(before time: Int64) {
        let minute = time / 60_000_000
        for key in services.keys { services[key]!.prune(before: minute) }
    }
}
