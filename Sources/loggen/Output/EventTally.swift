/// Counts of expected events per service and kind: the `events` object of a
/// scenario's `expected.json`.
struct EventTally: Sendable {
    private var counts: [String: [EventKind: Int]] = [:]

    /// Counts one event of each of `kinds` for `service`.
    mutating func record(_ kinds: [EventKind], service: String) {
        for kind in kinds {
            counts[service, default: [:]][kind, default: 0] += 1
        }
    }

    /// Adds another tally's counts to this one.
    mutating func merge(_ other: EventTally) {
        for (service, kinds) in other.counts {
            for (kind, count) in kinds {
                counts[service, default: [:]][kind, default: 0] += count
            }
        }
    }

    /// Services in name order, each with its non-zero kinds in contract order.
    var rows: [(service: String, kinds: [(EventKind, Int)])] {
        counts.keys.sorted().map { service in
            let kinds = EventKind.allCases.compactMap { kind -> (EventKind, Int)? in
                guard let count = counts[service]?[kind], count > 0 else { return nil }
                return (kind, count)
            }
            return (service, kinds)
        }
    }
}
