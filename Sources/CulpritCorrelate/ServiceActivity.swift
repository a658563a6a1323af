import CulpritModel

/// Everything the analysis keeps about one service, aggregated as events stream
/// by: per-minute request/error/latency figures, memory per instance, OOM kills,
/// starts and explicit change lines. Lines themselves are not kept, only the few
/// that may become evidence, so memory stays bounded by minutes × services.
package struct ServiceActivity: Sendable, Codable {
    /// A start line of one instance.
    package struct Start: Sendable, Codable {
        package var instance: String
        package var version: String?
        package var evidence: EvidenceLine
    }

    /// A deploy, rollback, restart or config line from the logs.
    package struct ChangeLine: Sendable, Codable {
        package var kind: EventKind
        package var version: String?
        package var evidence: EvidenceLine
        /// True for a restart a supervisor made by itself after the process died or
        /// failed its probes (kubelet's back-off, systemd's restart job): a symptom,
        /// not an operator's change. Optional so a state file written before it still reads.
        package var automatic: Bool?
    }

    package var name: String
    package var minutes: [Int64: MinuteStats] = [:]
    package var memory: [String: MemorySeries] = [:]
    package var ooms: [EvidenceLine] = []
    /// Start lines: (instance, version, evidence).
    package var starts: [Start] = []
    /// Deploy, rollback, restart and config lines from the logs.
    package var changeLines: [ChangeLine] = []
    /// Version runs per instance, in the order they began.
    package var versionRuns: [VersionRun] = []
    /// Lines saying a process died (see `reportsDeath`): crashes.
    package var crashes: [EvidenceLine] = []
    /// Error records that report another system failing (`LogEvent.dependency`), by
    /// that system; optional so a state file written before it still reads.
    package var dependencyErrors: [String: Int]?
    /// Error records counted in all (the denominator of `dependencyErrors`).
    package var errorCount: Int?
    package var firstTime: Int64?
    package var lastTime: Int64?
    /// When each instance's first event was, to tell a new pod from a restarted one.
    package var instanceFirstSeen: [String: Int64] = [:]
    /// The templates of its error and warning messages (see `TemplateMiner`).
    package var templates = TemplateMiner()

    /// Whether an error record says a process died: a crash pattern's (segfault,
    /// `panic:`, `fatal error:`, a core dump) or a supervisor's (systemd's unit
    /// failed, supervisord's `exited: … not expected`), whatever its level, or a
    /// critical-level record of a specific failure. A record that is critical by
    /// its level word alone (supervisord's `CRIT Supervisor is running as root`) or
    /// a failure of a session or of another system (PostgreSQL's per-connection
    /// `FATAL:`, a client's error about redis) is an error, not a crash.
    static func reportsDeath(_ event: LogEvent) -> Bool {
        if Self.deathPatterns.contains(event.patternID) { return true }
        guard let severity = event.severity, severity.rawValue <= Severity.critical.rawValue else { return false }
        return !Self.notDeathPatterns.contains(event.patternID) && event.dependency == nil
    }

    /// Restart patterns whose every match is a supervisor restarting a process that
    /// died or failed its liveness probe, not an operator asking for it.
    static let automaticRestartPatterns: Set<String> = ["restart.kubernetes", "restart.systemd", "restart.kubernetes-probe"]

    /// Patterns whose every match is a process dying.
    static let deathPatterns: Set<String> = ["error.crash", "error.systemd-unit"]
    /// Patterns whose critical-level matches are still no process dying.
    static let notDeathPatterns: Set<String> = ["error.level", "error.redis-client", "error.postgres-client", "error.mysql-client",
                                                "error.kafka-client", "error.connect-to", "error.timeout", "error.connection", "error.http-5xx"]

    /// The system most of the service's error records report failing, with the share
    /// of its error records that name it; nil when fewer than half name one system.
    package var dominantDependency: (name: String, share: Double)? {
        guard let counts = dependencyErrors, let total = errorCount, total > 0,
              let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        let share = Double(top.value) / Double(total)
        return share >= 0.5 ? (top.key, share) : nil
    }

    /// The system most of the error records in minutes [`from`, `to`) report failing,
    /// with their share of those records: what a spike's own errors say, not the
    /// whole log's. Falls back to `dominantDependency` when the minutes do not count
    /// dependencies (a state file written before they did); nil when fewer than half
    /// name one system.
    package func dominantDependency(fromMinute from: Int64, toMinute to: Int64) -> (name: String, share: Double)? {
        guard dependencyErrors != nil else { return nil }
        guard minutes.values.contains(where: { $0.dependencyErrors != nil }) else { return dominantDependency }
        var counts = [String: Int]()
        var total = 0
        var minute = from
        while minute < to {
            if let stats = minutes[minute] {
                total += stats.errorRecords
                for (name, count) in stats.dependencyErrors ?? [:] { counts[name, default: 0] += count }
            }
            minute += 1
        }
        guard total > 0, let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        let share = Double(top.value) / Double(total)
        return share >= 0.5 ? (top.key, share) : nil
    }

    /// Whether the service logs its requests: then its error rate is 5xx ÷ requests
    /// (see `MinuteStats.errors(countingResponses:)`). Scans the minutes: compute once per use.
    package var logsRequests: Bool { minutes.values.contains { $0.requests > 0 } }

    /// OOM lines of one service closer than this (µs) report the same kill.
    static let oomReportSpan: Int64 = 3_000_000

    /// At most this many OOM, crash, start and change lines are kept per service.
    package static let lineCap = 2000

    package init(name: String) { self.name = name }

    /// Folds one timed event in; `notingVersion` false leaves its version out of the
    /// version runs (an event store restores those from its own aggregate).
    mutating func add(_ event: LogEvent, instance: String, notingVersion: Bool = true) {
        guard let time = event.time else { return }
        firstTime = min(firstTime ?? time, time)
        lastTime = max(lastTime ?? time, time)
        Self.lower(&instanceFirstSeen[instance, default: time], to: time)
        if notingVersion, let version = event.version { noteVersion(version, instance: instance, event: event, time: time) }
        let minute = time / 60_000_000
        switch event.kind {
        case .memory:
            guard let bytes = event.value, bytes > 0 else { return }
            memory[instance, default: MemorySeries(instance: instance)].add(bytes: bytes, at: time, evidence: EvidenceLine(event))
            if let limit = event.limit { memory[instance]!.limit = max(memory[instance]!.limit ?? 0, limit) }
        case .oom:
            // The kernel reports one kill in several lines (`invoked oom-killer`,
            // `oom-kill:`, `Killed process`) within the same second or two: one kill.
            let repeatsLast = ooms.last.map { last in (last.time ?? .min) >= time - Self.oomReportSpan } ?? false
            if !repeatsLast, ooms.count < Self.lineCap { ooms.append(EvidenceLine(event)) }
            if let limit = event.limit, memory[instance] != nil { memory[instance]!.limit = max(memory[instance]!.limit ?? 0, limit) }
        case .http:
            // The minute is updated in place: copying it out and back would retain its evidence.
            Self.countRequest(event, in: &minutes[minute, default: MinuteStats()])
        case .error:
            Self.countError(event, in: &minutes[minute, default: MinuteStats()])
            errorCount = (errorCount ?? 0) + 1
            if let dependency = event.dependency {
                if dependencyErrors == nil { dependencyErrors = [:] }
                dependencyErrors![dependency, default: 0] += 1
                Self.countDependencyError(dependency, in: &minutes[minute, default: MinuteStats()])
            }
            if Self.reportsDeath(event), crashes.count < Self.lineCap {
                crashes.append(EvidenceLine(event))
            }
            templates.add(event, time: time)
        case .latency:
            guard let seconds = event.value else { return }
            Self.addLatency(seconds, event: event, to: &minutes[minute, default: MinuteStats()])
        case .start:
            if starts.count < Self.lineCap { starts.append(Start(instance: instance, version: event.version, evidence: EvidenceLine(event))) }
            memory[instance]?.restarts.insert(minute)
        case .deploy, .rollback, .restart, .config:
            if changeLines.count < Self.lineCap {
                let automatic = event.kind == .restart && Self.automaticRestartPatterns.contains(event.patternID)
                changeLines.append(ChangeLine(kind: event.kind, version: event.version, evidence: EvidenceLine(event), automatic: automatic ? true : nil))
            }
            if event.kind == .restart { memory[instance]?.restarts.insert(minute) }
        case .warning:
            // Per-minute counts do not take warnings (a warning burst is weaker evidence
            // than an error burst); their templates say which messages are new.
            templates.add(event, time: time)
        case .gc:
            break
        }
    }

    static func lower(_ value: inout Int64, to time: Int64) {
        if time < value { value = time }
    }

    private static func countRequest(_ event: LogEvent, in stats: inout MinuteStats) {
        stats.requests += 1
        if let status = event.status, status >= 500 {
            stats.serverErrors += 1
            if stats.firstServerError == nil { stats.firstServerError = EvidenceLine(event) }
        }
        if let duration = event.duration { addLatency(duration, event: event, to: &stats) }
    }

    private static func countDependencyError(_ dependency: String, in stats: inout MinuteStats) {
        if stats.dependencyErrors == nil { stats.dependencyErrors = [:] }
        stats.dependencyErrors![dependency, default: 0] += 1
    }

    private static func countError(_ event: LogEvent, in stats: inout MinuteStats) {
        stats.errorRecords += 1
        if stats.firstError == nil { stats.firstError = EvidenceLine(event) }
    }

    private static func addLatency(_ seconds: Double, event: LogEvent, to stats: inout MinuteStats) {
        stats.latencyCount += 1
        stats.latencySum += seconds
        if seconds >= stats.latencyMax {
            stats.latencyMax = seconds
            stats.slowest = EvidenceLine(event)
        }
    }

    mutating func noteVersion(_ version: String, instance: String, event: LogEvent, time: Int64) {
        noteVersion(version, instance: instance, evidence: EvidenceLine(event), time: time)
    }

    /// Extends the instance's current version run to `time`, or starts a new run
    /// there with `evidence` (built only then) when the version differs.
    mutating func noteVersion(_ version: String, instance: String, evidence: @autoclosure () -> EvidenceLine, time: Int64) {
        if let index = versionRuns.lastIndex(where: { $0.instance == instance }) {
            if versionRuns[index].version == version {
                versionRuns[index].lastTime = max(versionRuns[index].lastTime, time)
                return
            }
            versionRuns.append(VersionRun(instance: instance, version: version, first: evidence(), firstTime: time,
                                          lastTime: time, previousVersion: versionRuns[index].version))
        } else {
            versionRuns.append(VersionRun(instance: instance, version: version, first: evidence(), firstTime: time,
                                          lastTime: time, previousVersion: nil))
        }
    }

    /// Forgets minutes and samples before `minute` (the sliding window of `watch`).
    mutating func prune(before minute: Int64) {
        minutes = minutes.filter { $0.key >= minute }
        for key in memory.keys { memory[key]!.prune(before: minute) }
        templates.prune(before: minute)
        let cutoff = minute * 60_000_000
        ooms.removeAll { ($0.time ?? .min) < cutoff }
        crashes.removeAll { ($0.time ?? .min) < cutoff }
        starts.removeAll { ($0.evidence.time ?? .min) < cutoff }
        changeLines.removeAll { ($0.evidence.time ?? .min) < cutoff }
        // Keep the newest run of each instance so later version changes still compare.
        var newest = [String: Int]()
        for (index, run) in versionRuns.enumerated() { newest[run.instance] = index }
        versionRuns = versionRuns.enumerated().filter { $0.element.lastTime >= cutoff || newest[$0.element.instance] == $0.offset }.map(\.element)
        if let first = firstTime, first < cutoff { firstTime = cutoff }
    }
}
