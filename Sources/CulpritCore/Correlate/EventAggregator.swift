/// Folds the event stream into per-service activity as it goes by. This is
/// the only state `analyze`, `report` and `watch` keep; its size depends on
/// the time span and the number of services, not on the number of lines.
public struct EventAggregator: Sendable, Codable {
    public private(set) var services: [String: ServiceActivity] = [:]
    public private(set) var eventCount = 0
    public private(set) var untimedEvents = 0
    /// The window to keep (`--since`/`--until`), in microseconds; nil bounds are open.
    public var since: Int64?
    public var until: Int64?

    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    public mutating func add(_ event: LogEvent) {
        guard let time = event.time else {
            untimedEvents += 1
            return
        }
        if let since, time < since { return }
        if let until, time > until { return }
        eventCount += 1
        let instance = event.host ?? event.ref.path
        services[event.service, default: ServiceActivity(name: event.service)].add(event, instance: instance)
    }

    public mutating func add(_ events: [LogEvent]) {
        // By index, so each event is read in place rather than copied (a retain per string).
        for index in events.indices { add(events[index]) }
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
