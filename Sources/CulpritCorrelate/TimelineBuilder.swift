import Foundation
import CulpritModel

/// Builds the incident timeline a postmortem starts from: the suspect change,
/// when each service's trouble began (first anomaly per service and kind), OOM
/// kills, restarts, rollbacks and recoveries, in time order.
enum TimelineBuilder {
    static let limit = 40

    static func build(suspects: [Suspect], anomalies: [Anomaly], changes: [ChangeMarker]) -> [TimelineEntry] {
        var entries = [TimelineEntry]()
        let focus = suspects.first { $0.verdict != .unlikely }?.change
        for change in changes {
            let isFocus = change == focus
            guard isFocus || change.kind != .restart || focus.map({ $0.service == change.service }) == true || focus == nil else { continue }
            var title = "\(change.service) \(change.kind.rawValue)\(change.version.map { " " + $0 } ?? "")"
            if isFocus { title += " (the likely culprit)" }
            entries.append(TimelineEntry(time: change.time, service: change.service, title: title, evidence: change.evidence.first))
        }
        var seen = Set<String>()
        for anomaly in anomalies {
            let key = anomaly.service + "/" + anomaly.kind.rawValue
            if anomaly.kind == .oom {
                for line in anomaly.evidence where line.time != nil {
                    entries.append(TimelineEntry(time: line.time!, service: anomaly.service, title: "\(anomaly.service) killed: out of memory", evidence: line))
                }
                continue
            }
            guard seen.insert(key).inserted else { continue }
            entries.append(TimelineEntry(time: anomaly.start, service: anomaly.service, title: "\(anomaly.service): \(anomaly.summary)", evidence: anomaly.evidence.first))
            if let end = anomaly.end {
                entries.append(TimelineEntry(time: end, service: anomaly.service, title: "\(anomaly.service): \(anomaly.kind.rawValue.replacingOccurrences(of: "_", with: " ")) over", evidence: nil))
            }
        }
        entries.sort { $0.time < $1.time }
        return Array(entries.prefix(limit))
    }
}
