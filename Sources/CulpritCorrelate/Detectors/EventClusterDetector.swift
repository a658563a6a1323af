import CulpritModel

/// Turns OOM kills, crashes and restarts into anomalies: lines closer than
/// `clusterGapMinutes` to each other form one cluster. Restarts are a loop when a
/// cluster has at least `restartLoopCount` within `restartLoopMinutes`.
package struct EventClusterDetector: Detector {
    package var options: DetectionOptions

    package init(options: DetectionOptions) { self.options = options }

    /// OOM kills, then crashes, then restart loops (from the restarts among `changes`).
    package func detect(in service: ServiceActivity, changes: [ChangeMarker]) -> [Anomaly] {
        let restartLines = changes.filter { $0.kind == .restart }.compactMap(\.evidence.first)
        return ooms(in: service) + crashes(in: service) + restartLoops(service: service.name, restarts: restartLines)
    }

    package func ooms(in service: ServiceActivity) -> [Anomaly] {
        clusters(service.ooms).map { cluster in
            let summary = cluster.count == 1 ? "killed for running out of memory" : "\(cluster.count) out-of-memory kills"
            return Anomaly(service: service.name, kind: .oom, start: cluster[0].time!, end: cluster.last!.time,
                           summary: summary, evidence: Array(cluster.prefix(5)), magnitude: Double(cluster.count))
        }
    }

    /// One `oom` anomaly for a service's OOM kills of unknown time (each kill
    /// one line, see `EventAggregator.undatedOOMs`); its `start` is only a sort
    /// key (0): renderers show the time as unknown.
    package func undatedOOMs(service: String, kills: [EvidenceLine]) -> Anomaly? {
        guard !kills.isEmpty else { return nil }
        let summary = kills.count == 1 ? "killed for running out of memory (time unknown)" : "\(kills.count) out-of-memory kills (time unknown)"
        return Anomaly(service: service, kind: .oom, start: 0, end: nil, summary: summary,
                       evidence: Array(kills.prefix(5)), magnitude: Double(kills.count))
    }

    /// Crashes: lines saying a process died (`ServiceActivity.reportsDeath`), so
    /// the summary counts deaths — "a process died", "3 processes died" — taking
    /// lines within `ServiceActivity.oomReportSpan` of each other (a panic and its
    /// supervisor's "exited") as one death.
    package func crashes(in service: ServiceActivity) -> [Anomaly] {
        let oomRefs = Set(service.ooms.map(\.ref))
        return clusters(service.crashes.filter { !oomRefs.contains($0.ref) }).map { cluster in
            Anomaly(service: service.name, kind: .crash, start: cluster[0].time!, end: cluster.last!.time,
                    summary: Self.deathSummary(cluster), evidence: Array(cluster.prefix(3)), magnitude: Double(cluster.count))
        }
    }

    /// "a process died", "3 processes died", "2 processes died (5 lines)" for time-sorted death lines.
    static func deathSummary(_ lines: [EvidenceLine]) -> String {
        var deaths = 0
        var deathStart: Int64?
        for line in lines {
            guard let time = line.time else { continue }
            if deathStart.map({ time - $0 > ServiceActivity.oomReportSpan }) ?? true {
                deaths += 1
                deathStart = time
            }
        }
        deaths = max(deaths, 1)
        let said = deaths == 1 ? "a process died" : "\(deaths) processes died"
        return lines.count > deaths ? said + " (\(lines.count) lines)" : said
    }

    /// `restarts` are the service's restart times with their evidence.
    package func restartLoops(service: String, restarts: [EvidenceLine]) -> [Anomaly] {
        let window = Int64(options.restartLoopMinutes) * 60_000_000
        let sorted = restarts.filter { $0.time != nil }.sorted { $0.time! < $1.time! }
        var anomalies = [Anomaly]()
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1].time! - sorted[index].time! <= window { end += 1 }
            let count = end - index + 1
            if count >= options.restartLoopCount {
                var last = end
                while last + 1 < sorted.count, sorted[last + 1].time! - sorted[last].time! <= window { last += 1 }
                let loop = Array(sorted[index...last])
                anomalies.append(Anomaly(service: service, kind: .restartLoop, start: loop[0].time!, end: loop.last!.time,
                                         summary: "\(loop.count) restarts in \(Int((loop.last!.time! - loop[0].time!) / 60_000_000) + 1) min (crash loop)",
                                         evidence: Array(loop.prefix(3)), magnitude: Double(loop.count)))
                index = last + 1
            } else {
                index += 1
            }
        }
        return anomalies
    }

    func clusters(_ lines: [EvidenceLine]) -> [[EvidenceLine]] {
        let sorted = lines.filter { $0.time != nil }.sorted { $0.time! < $1.time! }
        var result = [[EvidenceLine]]()
        for line in sorted {
            if let last = result.last?.last, line.time! - last.time! <= options.clusterGapMinutes * 60_000_000 {
                result[result.count - 1].append(line)
            } else {
                result.append([line])
            }
        }
        return result
    }
}
