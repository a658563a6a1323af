import CulpritModel

/// Builds the list of candidate changes from deploy records and from what the
/// logs show, and merges near-duplicates into one change.
///
/// Inference rules:
/// - an explicit deploy/rollback/restart/config line is that change;
/// - an instance whose lines switch to a version never seen before is a deploy at
///   the first line showing it; switching back to a version the service ran
///   before is a rollback;
/// - a start line with the version the instance already ran (or with none) is a
///   restart, never a deploy; the first start of a service when its logs begin is
///   no change at all.
/// Changes of one service within `mergeWindow` whose kinds and versions agree (a
/// CI record and the app's own start line seconds later) become one change.
///
/// Crash restarts are no changes: a restart the logs show that a supervisor made
/// by itself (kubelet's `back-off restarting failed container`, systemd's
/// `Scheduled restart job`, a failed liveness probe), or that came within
/// `crashRestartWindow` after an OOM kill or crash of its service or within
/// `crashRestartAnnounced` after such a supervisor line (or a new instance then,
/// showing no version change), is kept apart
/// (`inferChanges`) for the crash-loop detector and never becomes a suspect. Only
/// deploy records and operator actions (`kubectl rollout restart`, a restart with
/// no death before it) are restarts that can be guilty.
package struct ChangeInference {
    /// `mergeWindow`, `newInstanceDelay` and `restartAbsorbWindow`.
    package var windows: ScoringModel.Changes

    package init(windows: ScoringModel.Changes = ScoringModel.Changes()) { self.windows = windows }

    package func changes(activity: [String: ServiceActivity], records: [ChangeMarker]) -> [ChangeMarker] {
        inferChanges(activity: activity, records: records).changes
    }

    /// The changes (records and what the logs show, merged) and, apart, the crash
    /// restarts: one per restart, in time order, for `EventClusterDetector`'s crash loops.
    package func inferChanges(activity: [String: ServiceActivity], records: [ChangeMarker]) -> (changes: [ChangeMarker], crashRestarts: [ChangeMarker]) {
        var candidates = records
        var crashRestarts = [ChangeMarker]()
        for service in activity.values.sorted(by: { $0.name < $1.name }) {
            let (kept, crashes) = splitCrashRestarts(inferred(from: service), service: service)
            candidates += kept
            crashRestarts += crashes
        }
        let knownVersions = versionHistory(activity)
        let changes = merge(candidates).map { marker in
            var marker = marker
            if marker.previousVersion == marker.version { marker.previousVersion = nil }
            if marker.previousVersion == nil, let version = marker.version, marker.kind == .deploy || marker.kind == .rollback {
                marker.previousVersion = knownVersions[marker.service]?.last { $0.time < marker.time && $0.version != version }?.version
            }
            return marker
        }
        return (changes, crashRestarts)
    }

    /// `markers` (read from `service`'s logs) without its crash restarts, and those
    /// restarts with the lines of one restart (the supervisor's, the process's own
    /// start line) made one.
    func splitCrashRestarts(_ markers: [ChangeMarker], service: ServiceActivity) -> (kept: [ChangeMarker], crashRestarts: [ChangeMarker]) {
        let automatic = Set(service.changeLines.filter { $0.automatic == true }.map(\.evidence.ref))
        let deaths = (service.ooms + service.crashes).compactMap(\.time).sorted()
        let announced = service.changeLines.filter { $0.automatic == true }.compactMap(\.evidence.time)
        var kept = [ChangeMarker]()
        var crashes = [ChangeMarker]()
        for marker in markers.sorted(by: { $0.time < $1.time }) {
            let byItself = marker.kind == .restart && marker.evidence.contains { automatic.contains($0.ref) }
            // A new instance with no new version after the old one died is the supervisor's replacement.
            let replacement = marker.kind == .restart || (marker.kind == .deploy && marker.previousVersion == nil)
            let afterDeath = replacement && (deaths.contains { $0 <= marker.time && marker.time - $0 <= windows.crashRestartWindow }
                || announced.contains { $0 <= marker.time && marker.time - $0 <= windows.crashRestartAnnounced })
            guard byItself || afterDeath else { kept.append(marker); continue }
            if let last = crashes.last, marker.time - last.time <= windows.crashRestartMerge {
                crashes[crashes.count - 1].evidence += marker.evidence.filter { !crashes[crashes.count - 1].evidence.contains($0) }
            } else {
                crashes.append(marker)
            }
        }
        return (kept, crashes)
    }

    func inferred(from service: ServiceActivity) -> [ChangeMarker] {
        var markers = [ChangeMarker]()
        for line in service.changeLines {
            guard let kind = ChangeMarker.Kind(line.kind), let time = line.evidence.time else { continue }
            markers.append(ChangeMarker(service: service.name, version: line.version, kind: kind, time: time, evidence: [line.evidence]))
        }
        var introduced = [String: Int64]()
        var latestIntroduced: String?
        for run in service.versionRuns.sorted(by: { $0.firstTime < $1.firstTime }) {
            defer {
                if introduced[run.version] == nil {
                    introduced[run.version] = run.firstTime
                    latestIntroduced = run.version
                }
            }
            if let previous = run.previousVersion, previous != run.version {
                let isReturn = (introduced[run.version] ?? .max) < (introduced[previous] ?? .min)
                markers.append(ChangeMarker(service: service.name, version: run.version, kind: isReturn ? .rollback : .deploy,
                                            time: run.firstTime, previousVersion: previous, evidence: [run.first]))
            } else if run.previousVersion == nil, introduced[run.version] == nil, let latest = latestIntroduced {
                markers.append(ChangeMarker(service: service.name, version: run.version, kind: .deploy, time: run.firstTime,
                                            previousVersion: latest, evidence: [run.first]))
            } else if run.previousVersion == nil, introduced.isEmpty, run.firstTime > (service.firstTime ?? run.firstTime) + windows.newInstanceDelay,
                      (service.instanceFirstSeen[run.instance] ?? .min) >= run.firstTime - windows.newInstanceDelay,
                      service.starts.contains(where: { $0.instance == run.instance && $0.evidence.time == run.firstTime }) {
                // The first version the logs show, on a new instance that starts while
                // older instances were already logging: a rollout of a new version.
                markers.append(ChangeMarker(service: service.name, version: run.version, kind: .deploy, time: run.firstTime, evidence: [run.first]))
            }
        }
        let serviceStart = service.firstTime ?? .min
        for start in service.starts {
            guard let time = start.evidence.time, time > serviceStart + 60_000_000 else { continue }
            let running = service.versionRuns.last { $0.instance == start.instance && $0.firstTime < time }?.version
            if let version = start.version, let running, version != running { continue }
            if let version = start.version, running == nil, introduced[version] == nil { continue }
            if markers.contains(where: { $0.kind == .deploy && $0.time == time }) { continue }
            markers.append(ChangeMarker(service: service.name, version: start.version ?? running, kind: .restart, time: time, evidence: [start.evidence]))
        }
        return markers
    }

    /// Each service's versions in the order they appeared.
    func versionHistory(_ activity: [String: ServiceActivity]) -> [String: [(version: String, time: Int64)]] {
        var history = [String: [(version: String, time: Int64)]]()
        for (name, service) in activity {
            var seen = Set<String>()
            for run in service.versionRuns.sorted(by: { $0.firstTime < $1.firstTime }) where seen.insert(run.version).inserted {
                history[name, default: []].append((run.version, run.firstTime))
            }
        }
        return history
    }

    func merge(_ markers: [ChangeMarker]) -> [ChangeMarker] {
        var merged = [ChangeMarker]()
        let versionChanges = markers.filter { $0.kind == .deploy || $0.kind == .rollback }
        for marker in markers.sorted(by: { ($0.time, $0.service) < ($1.time, $1.service) }) {
            if marker.kind == .restart, let owner = versionChanges.first(where: {
                $0.service == marker.service && abs($0.time - marker.time) <= windows.restartAbsorbWindow
                    && (marker.version == nil || $0.version == nil || $0.version == marker.version)
            }), let index = merged.lastIndex(where: { $0.service == owner.service && abs($0.time - owner.time) <= windows.mergeWindow && $0.kind != .restart }) {
                for line in marker.evidence where !merged[index].evidence.contains(line) { merged[index].evidence.append(line) }
                continue
            }
            if let index = merged.lastIndex(where: { compatible($0, marker) }) {
                var existing = merged[index]
                existing.time = min(existing.time, marker.time)
                for line in marker.evidence where !existing.evidence.contains(line) { existing.evidence.append(line) }
                existing.version = existing.version ?? marker.version
                existing.previousVersion = existing.previousVersion ?? marker.previousVersion
                existing.sha = existing.sha ?? marker.sha
                existing.actor = existing.actor ?? marker.actor
                // A deploy record that says "rollback" is believed over an inferred deploy.
                if marker.kind == .rollback || (existing.kind == .restart && marker.kind != .restart) { existing.kind = marker.kind }
                merged[index] = existing
            } else {
                merged.append(marker)
            }
        }
        return merged
    }

    func compatible(_ a: ChangeMarker, _ b: ChangeMarker) -> Bool {
        guard a.service == b.service, abs(a.time - b.time) <= windows.mergeWindow else { return false }
        if let va = a.version, let vb = b.version, va != vb { return false }
        let versionChanges: Set<ChangeMarker.Kind> = [.deploy, .rollback]
        if versionChanges.contains(a.kind), versionChanges.contains(b.kind) { return (a.version != nil && a.version == b.version) || a.kind == b.kind }
        return a.kind == b.kind
    }
}
