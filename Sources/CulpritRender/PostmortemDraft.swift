import CulpritModel
import CulpritCorrelate

/// The sections of `--format markdown` that make it a postmortem draft worth
/// editing: the header, impact in user terms, root cause and trigger,
/// detection, resolution and recovery, action items and lessons learned. Each
/// says only what the findings show; what they cannot know is left "to fill".
struct PostmortemDraft {
    var findings: Findings
    var clock: DisplayClock
    var impact: ImpactWindow?
    var times: SummaryClockTimes

    init(_ findings: Findings, clock: DisplayClock) {
        self.findings = findings
        self.clock = clock
        impact = ImpactWindow(findings)
        times = SummaryClockTimes(findings: findings, clock: clock)
    }

    /// `Postmortem: auth-service memory growth after the deploy of 2.3.1`, or `Postmortem draft`.
    var title: String {
        guard let impact else { return "Postmortem draft" }
        let symptom = ImpactWindow.name(impact.mainSymptom)
        guard let top = findings.culprit else { return "Postmortem: " + symptom }
        return "Postmortem: \(symptom) after the \(top.change.kind.rawValue) of \(top.change.service)\(top.change.version.map { " " + $0 } ?? "")"
    }

    /// Date, status and authors, under the title.
    var header: String {
        let day = impact?.start ?? findings.window?.start
        var out = "| | |\n|---|---|\n"
        out += "| **Date** | \(day.map { clock.date($0) + " (" + clock.label($0) + ")" } ?? "_to fill_") |\n"
        out += "| **Status** | draft |\n"
        out += "| **Authors** | _to fill_ |\n"
        out += "| **Drafted by** | culprit, from \(InputNotes.count(findings.eventCount, "event")) of \(InputNotes.count(findings.inputs.filter { $0.skipped == nil }.count, "file")); every claim cites its log lines under Evidence |\n"
        return out + "\n"
    }

    // MARK: Impact

    /// How long, which services, and for the service with the most requests the share that failed.
    var impactSection: String? {
        guard let impact else { return nil }
        let end = impact.end ?? findings.window?.end ?? impact.start
        var out = "## Impact\n\n"
        let duration = Self.duration(max(0, end - impact.start))
        out += "- **How long:** \(duration), " + clock.range(impact.start, end, separator: " to ")
            + (impact.end == nil ? ", and still going at the end of the logs" : "") + ".\n"
        if let requests = requestShare(from: impact.start, to: end) { out += "- **Users:** " + requests + "\n" }
        let affected = orderedServices(findings.anomalies.filter { !$0.preExisting })
        out += "- **Services:** " + affected.map { service in
            let kinds = Set(findings.anomalies.filter { $0.service == service && !$0.preExisting }.map(\.kind.rawValue)).sorted()
            return "\(service) (\(kinds.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")))"
        }.joined(separator: "; ") + ".\n"
        if !impact.stillOpen.isEmpty, impact.end != nil {
            out += "- **Still open at the end of the logs:** " + impact.stillOpen.map(ImpactWindow.name).joined(separator: ", ") + ".\n"
        }
        out += "- _To fill: what users saw, how many were affected, revenue or SLO cost._\n"
        return out + "\n"
    }

    /// `14% of api-gateway's 1,234 requests failed from 01:50 to 05:30 WAT (0.1% before), up to 60% in a minute`.
    func requestShare(from start: Int64, to end: Int64) -> String? {
        let busiest = findings.services.max { lhs, rhs in
            lhs.errors.reduce(0) { $0 + $1.requests } < rhs.errors.reduce(0) { $0 + $1.requests }
        }
        guard let busiest else { return nil }
        let first = DisplayClock.floorDivide(start, 60_000_000), last = DisplayClock.floorDivide(end, 60_000_000)
        let during = busiest.errors.filter { $0.minute >= first && $0.minute <= last && $0.requests > 0 }
        let before = busiest.errors.filter { $0.minute < first && $0.requests > 0 }
        let requests = during.reduce(0) { $0 + $1.requests }
        guard requests > 0 else { return nil }
        let failed = min(requests, during.reduce(0) { $0 + $1.errors })
        var text = "\(Self.percent(Double(failed) / Double(requests))) of \(busiest.service)'s \(InputNotes.grouped(requests)) requests failed in that time"
        let beforeRequests = before.reduce(0) { $0 + $1.requests }
        if beforeRequests > 0 {
            text += " (\(Self.percent(Double(min(beforeRequests, before.reduce(0) { $0 + $1.errors })) / Double(beforeRequests))) before)"
        }
        if let peak = during.filter({ $0.requests >= 5 }).map({ Double(min($0.errors, $0.requests)) / Double($0.requests) }).max(), peak > 0 {
            text += ", up to \(Self.percent(peak)) in a minute"
        }
        return text + "."
    }

    // MARK: Root cause, detection, resolution

    var rootCauseSection: String {
        var out = "## Root cause and trigger\n\n"
        guard let top = findings.culprit else {
            if let impact {
                out += "No change in view explains the trouble: culprit found no deploy, rollback, restart or config change it can tie to \(ImpactWindow.name(impact.mainSymptom)). "
                out += impact.mainSymptom.preExisting ? "It was already under way \(findings.startPhrase); look at earlier logs and changes.\n\n" : "_To fill: the cause._\n\n"
            } else if let earlier = findings.anomalies.first(where: \.preExisting) {
                out += "No change in view explains the trouble: \(ImpactWindow.name(earlier)) was already under way \(findings.startPhrase), so its cause predates them. Look at earlier logs and changes.\n\n"
            } else {
                out += "_To fill._\n\n"
            }
            return out
        }
        let change = top.change
        out += "**Trigger:** the \(change.kind.rawValue) of \(change.service)\(change.version.map { " " + $0 } ?? "")"
        if let previous = change.previousVersion, change.kind != .restart { out += " (was \(previous))" }
        out += " at \(clock.minute(change.time))\(change.actor.map { " by " + $0 } ?? "")\(change.sha.map { ", `" + SuspectCommitWording.shortSha($0) + "`" } ?? ""); "
        out += "culprit rates it \(top.verdict.rawValue) (score \(String(format2: top.score))).\n\n"
        // What the change did; what undoing it did is under Resolution, what it did to others under Impact.
        let reasons = top.evidence.filter { $0.weight > 0 && !["rollback_recovery", "restart_relief", "no_recovery", "symptom"].contains($0.signal) }.prefix(3)
        if !reasons.isEmpty {
            out += "**What it did:**\n\n" + reasons.map { "- " + times.apply($0.summary) + "\n" }.joined() + "\n"
        }
        if !top.commits.isEmpty {
            out += "**Commits to look at first:**\n\n"
            for commit in top.commits.prefix(SuspectCommitWording.shownLimit) {
                out += "- `\(SuspectCommitWording.shortSha(commit.commit.sha))` \(commit.commit.subject) — \(SuspectCommitWording.why(commit))\n"
            }
            out += "\n"
        }
        out += "**Root cause:** _to fill: what in this change caused it (the evidence shows what happened, not why)._\n\n"
        return out
    }

    /// When trouble began (the first anomaly's start), when culprit would have
    /// alerted, and when users saw errors.
    var detectionSection: String? {
        guard let first = findings.anomalies.first(where: { !$0.preExisting }) else { return nil }
        var out = "## Detection\n\n"
        out += "- **Trouble began:** \(clock.minute(first.start)), \(ImpactWindow.name(first)).\n"
        let detection = ScoringModel().detection
        let (delay, why) = Self.detectionDelay(first.kind, detection)
        out += "- **culprit would have alerted:** at about \(clock.minute(first.start + delay)): \(why). "
            + "`culprit watch --replay` on these logs gives the exact time.\n"
        if let userFacing = findings.anomalies.first(where: { $0.kind == .errorSpike && $0.service != first.service && !$0.preExisting }),
           userFacing.start > first.start + delay {
            out += "- **Errors reached \(userFacing.service):** \(clock.minute(userFacing.start)), \(Self.duration(userFacing.start - first.start - delay)) after that alert.\n"
        }
        out += "- **People noticed:** _to fill: when and how (page, customer report, dashboard)._\n\n"
        return out
    }

    /// How long each kind of anomaly needs after its onset before the detectors can see it.
    static func detectionDelay(_ kind: Anomaly.Kind, _ detection: ScoringModel.Detection) -> (Int64, String) {
        switch kind {
        case .memoryGrowth:
            return (Int64(detection.leakMinimumSamples) * 60_000_000, "memory growth needs \(detection.leakMinimumSamples) minutes of samples after its onset")
        case .errorSpike, .latencySpike:
            return (Int64(detection.spikeWindowMinutes) * 60_000_000, "a spike needs its \(detection.spikeWindowMinutes)-minute window")
        case .oom, .crash, .restartLoop:
            return (0, "it shows in the line itself")
        }
    }

    /// The changes after the trigger (rollbacks, restarts) and what each did, and whether the main symptom ended.
    var resolutionSection: String? {
        guard let impact else { return nil }
        let after = findings.changes.filter { change in
            change.time > (findings.culprit?.change.time ?? impact.start) && (findings.culprit == nil || change.kind != .deploy || change.service == findings.culprit?.change.service)
        }
        var out = "## Resolution and recovery\n\n"
        if after.isEmpty {
            out += "- No rollback, restart or change followed in the logs.\n"
        }
        for change in after {
            out += "- \(clock.minute(change.time)): \(change.kind.rawValue) of \(change.service)\(change.version.map { " " + (change.kind == .rollback ? "to " : "") + $0 } ?? "")\(change.actor.map { " by " + $0 } ?? "").\n"
        }
        let effects = findings.culprit?.evidence.filter { ["rollback_recovery", "restart_relief", "no_recovery"].contains($0.signal) } ?? []
        for effect in effects { out += "- " + HTMLReport.sentence(times.apply(effect.summary)) + ".\n" }
        if let end = impact.mainSymptom.end {
            out += "- **Recovered:** \(ImpactWindow.name(impact.mainSymptom)) ended at \(clock.minute(end)).\n"
        } else {
            out += "- **Not recovered:** \(ImpactWindow.name(impact.mainSymptom)) was still active at the end of the logs.\n"
        }
        return out + "\n"
    }

    // MARK: Action items, lessons

    /// Drafted from the findings, each marked "(draft)" for the team to keep, change or drop.
    var actionItems: String {
        var items = [String]()
        if let top = findings.culprit {
            let symptom = impact.map { ImpactWindow.name($0.mainSymptom) } ?? "the trouble"
            var item = "Find and fix what in \(top.change.service)\(top.change.version.map { " " + $0 } ?? "") caused \(symptom)"
            if let commit = top.commits.first { item += "; start with `\(SuspectCommitWording.shortSha(commit.commit.sha))` \(commit.commit.subject)" }
            items.append(item + ".")
        } else if let impact {
            items.append("Find what began \(ImpactWindow.name(impact.mainSymptom)) at \(clock.minute(impact.mainSymptom.start)): no change in view explains it.")
        } else if let earlier = findings.anomalies.first(where: \.preExisting) {
            items.append("Find what began \(ImpactWindow.name(earlier)) before \(clock.minute(earlier.start)), in earlier logs and changes.")
        }
        for service in orderedServices(findings.anomalies.filter { $0.kind == .memoryGrowth }) {
            items.append("Alert on sustained memory growth in \(service) before it reaches its limit (`culprit watch --metrics`: `culprit_memory_growth_bytes_per_second > 0` for 10 min).")
        }
        for service in orderedServices(findings.anomalies.filter { $0.kind == .oom }) {
            let kills = findings.anomalies.filter { $0.kind == .oom && $0.service == service }.count
            items.append("Review \(service)'s memory limit and heap settings: it was killed for running out of memory (\(kills == 1 ? "once" : "\(kills) times")).")
        }
        if findings.culprit?.evidence.contains(where: { $0.signal == "restart_relief" }) == true {
            items.append("Roll back sooner: a restart only bought time.")
        }
        let symptoms = findings.culprit.map { top in Set(top.evidence.filter { $0.signal == "symptom" }.flatMap(\.services)).sorted() } ?? []
        if let top = findings.culprit, !symptoms.isEmpty {
            items.append("Check how \(SuspectCommitWording.list(symptoms)) \(symptoms.count == 1 ? "degrades" : "degrade") when \(top.change.service) fails (timeouts, retries, circuit breaking).")
        }
        if items.isEmpty { return "## Action items\n\n- _To fill._\n\n" }
        return "## Action items\n\n" + items.map { "- [ ] (draft) " + $0 + " Owner: _to fill_.\n" }.joined() + "\n"
    }

    var lessonsLearned: String {
        "## Lessons learned\n\n- **What went well:** _to fill_\n- **What went wrong:** _to fill_\n- **Where we got lucky:** _to fill_\n\n"
    }

    // MARK: Pieces

    /// Services in the order their anomalies began, each once.
    func orderedServices(_ anomalies: [Anomaly]) -> [String] {
        var seen = Set<String>()
        return anomalies.sorted { $0.start < $1.start }.map(\.service).filter { seen.insert($0).inserted }
    }

    /// `45 min`, `3 h 40 min`.
    static func duration(_ micros: Int64) -> String {
        let minutes = Int(micros / 60_000_000)
        if minutes < 1 { return "under a minute" }
        if minutes < 60 { return "\(minutes) min" }
        return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
    }

    /// `14%`, `0.1%`, `60%`.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        let tenths = Int((value * 10).rounded())
        if value > 0, tenths < 10 { return tenths == 0 ? "under 0.1%" : "0.\(tenths)%" }
        return ValueFormatting.integerText(value.rounded()) + "%"
    }
}
