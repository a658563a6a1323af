import CulpritModel
import CulpritCorrelate
import CulpritRender

/// Turns successive findings into alerts that fire once per state change and
/// resolve with their own message, so a flapping signal does not page twice.
///
/// States per service: memory growth, error spike and latency spike are active
/// while the analysis shows an ongoing anomaly of that kind; they resolve after
/// `resolveAfter` of log time without one (hysteresis). An OOM kill fires at
/// once and resolves after `resolveAfter` without another. The culprit alert
/// fires when the top suspect becomes likely (or a different change does), and
/// resolves when its service's alerts have all resolved (e.g. after a rollback).
package struct AlertTracker: Sendable {
    /// Log time an alert must stay clear before it resolves (10 minutes).
    package var resolveAfter: Int64 = 10 * 60_000_000
    /// The reader's clock, for the times in the alerts' lines for people.
    package var clock: DisplayClock = .utc

    private struct Active: Sendable {
        var since: Int64
        var lastSeen: Int64
    }

    private var active: [String: Active] = [:]
    private var culprit: (key: String, suspect: Suspect)?
    /// Culprits already announced and resolved: they do not fire again.
    private var resolvedCulprits = Set<String>()

    package init() {}

    static func key(_ kind: Alert.Kind, _ service: String) -> String { kind.rawValue + "\u{1F}" + service }

    /// An OOM kill seen in the stream: alerts at once unless one is already active.
    package mutating func oom(_ event: LogEvent) -> Alert? {
        guard let time = event.time else { return nil }
        let key = Self.key(.oom, event.service)
        if var state = active[key], time - state.lastSeen < resolveAfter {
            state.lastSeen = time
            active[key] = state
            return nil
        }
        active[key] = Active(since: time, lastSeen: time)
        return Alert(time: time, kind: .oom, service: event.service, summary: "killed for running out of memory: \(event.excerpt)", refs: [event.ref])
    }

    /// Compares the latest findings (as of log time `now`) with the alerts in force.
    package mutating func update(with findings: Findings, now: Int64) -> [Alert] {
        var alerts = [Alert]()
        var seen = Set<String>()
        for anomaly in findings.anomalies where anomaly.end == nil || anomaly.end! >= now - resolveAfter {
            guard let kind = Self.alertKind(anomaly.kind) else { continue }
            let key = Self.key(kind, anomaly.service)
            guard anomaly.end == nil else { continue }
            seen.insert(key)
            if var state = active[key] {
                state.lastSeen = now
                active[key] = state
            } else {
                active[key] = Active(since: now, lastSeen: now)
                alerts.append(Alert(time: now, kind: kind, service: anomaly.service, summary: anomaly.summary,
                                    refs: anomaly.evidence.map(\.ref)))
            }
        }
        if let top = findings.suspects.first, top.verdict == .likely {
            let key = "\(top.change.service)|\(top.change.version ?? "")|\(top.change.kind.rawValue)|\(top.change.time)"
            if culprit?.key != key, !resolvedCulprits.contains(key) {
                culprit = (key, top)
                let reasons = top.evidence.filter { $0.weight > 0 }.prefix(2).map(\.summary)
                let times = SummaryClockTimes(findings: findings, clock: clock)
                func summary(_ at: String, _ why: [String]) -> String {
                    "likely culprit: \(top.change.label) at \(at), score \(String(format2: top.score)): \(why.joined(separator: "; "))"
                }
                alerts.append(Alert(time: now, kind: .culprit, service: top.change.service,
                                    summary: summary(CivilTime.rfc3339(top.change.time), reasons),
                                    suspect: top, refs: Array(top.evidence.flatMap(\.refs).prefix(6)),
                                    localSummary: summary(clock.minute(top.change.time), reasons.map(times.apply))))
            } else if culprit?.key == key {
                culprit = (key, top)
            }
        }
        for (key, state) in active.sorted(by: { $0.key < $1.key }) where !seen.contains(key) && now - state.lastSeen >= resolveAfter {
            active[key] = nil
            let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            let kindName = parts[0]
            alerts.append(Alert(time: now, kind: .resolved, service: parts[1],
                                summary: "\(kindName) resolved (none for \(resolveAfter / 60_000_000) min of log time)", refs: []))
        }
        if let current = culprit, !active.keys.contains(where: { $0.hasSuffix("\u{1F}" + current.suspect.change.service) }) {
            let undo = findings.changes.last { $0.service == current.suspect.change.service && $0.time > current.suspect.change.time }
            culprit = nil
            resolvedCulprits.insert(current.key)
            func summary(_ at: (Int64) -> String) -> String {
                "culprit resolved: \(current.suspect.change.label)'s alerts have cleared"
                    + (undo.map { " after the \($0.kind.rawValue) at \(at($0.time))" } ?? "")
            }
            alerts.append(Alert(time: now, kind: .resolved, service: current.suspect.change.service,
                                summary: summary(CivilTime.rfc3339), suspect: current.suspect, refs: undo?.evidence.map(\.ref) ?? [],
                                localSummary: summary(clock.minute)))
        }
        return alerts
    }

    static func alertKind(_ kind: Anomaly.Kind) -> Alert.Kind? {
        switch kind {
        case .memoryGrowth: return .memoryGrowth
        case .errorSpike: return .errorSpike
        case .latencySpike: return .latencySpike
        default: return nil
        }
    }
}
