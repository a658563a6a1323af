import Foundation
import CulpritModel
import CulpritCorrelate

/// `--format markdown`: a postmortem draft worth editing — header (date,
/// status, authors), summary, impact, root cause and trigger, detection,
/// resolution and recovery, timeline, action items, lessons learned — then the
/// evidence (suspects, anomalies, cited lines). It renders on common code hosts;
/// what the logs cannot tell is marked "to fill", and drafted items "(draft)".
public enum FindingsMarkdown {
    /// The draft for `findings`, its times on `clock`, titled `title` (by default
    /// from the main symptom and the change: "Postmortem: auth-service memory growth after the deploy of auth-service 2.3.1").
    public static func render(_ findings: Findings, title: String? = nil, clock: DisplayClock = .utc) -> String {
        let draft = PostmortemDraft(findings, clock: clock)
        var out = "# \(title ?? draft.title)\n\n" + draft.header
        out += "## Summary\n\n" + summary(findings, clock: clock) + "\n\n"
        if let impact = draft.impact {
            out += "**Impact window:** " + (impact.end.map { clock.range(impact.start, $0, separator: " to ") }
                ?? clock.minute(impact.start) + " to the end of the logs, still ongoing")
            if impact.end != nil, !impact.stillOpen.isEmpty {
                out += "; still open at the end of the logs: " + impact.stillOpen.map(ImpactWindow.name).joined(separator: ", ")
            }
            out += "\n\n"
        }
        if let window = findings.window {
            out += "Logs analysed: \(clock.range(window.start, window.end)), \(InputNotes.count(findings.eventCount, "event")), \(InputNotes.count(findings.changes.count, "change")).\n\n"
        }
        if findings.emptyWindow == nil, !findings.lacksData {
            out += draft.impactSection ?? ""
            out += draft.rootCauseSection
            out += draft.detectionSection ?? ""
            out += draft.resolutionSection ?? ""
        }
        if !findings.timeline.isEmpty {
            out += "## Timeline\n\n| time | what happened | line |\n|---|---|---|\n"
            for entry in findings.timeline {
                out += "| \(clock.minute(entry.time)) | \(cell(draft.times.apply(entry.title))) | \(entry.evidence.map { "`\($0.ref)`" } ?? "") |\n"
            }
            out += "\n"
        }
        if findings.emptyWindow == nil, !findings.lacksData {
            out += draft.actionItems + draft.lessonsLearned
        }
        out += "## Evidence\n\n" + suspects(findings, clock: clock, times: draft.times) + anomalies(findings, clock: clock)
        let cited = citedLines(findings)
        if !cited.isEmpty {
            out += "### Cited log lines\n\n```text\n"
            for line in cited { out += "\(line.ref): \(line.text)\n" }
            out += "```\n"
        }
        return out
    }

    /// The ranking and, for the suspects at least possible, their evidence with cited `path:line`s.
    static func suspects(_ findings: Findings, clock: DisplayClock, times: SummaryClockTimes) -> String {
        var out = "### Suspects\n\n"
        guard !findings.suspects.isEmpty else {
            return out + "No changes (deploys, rollbacks, restarts, config reloads) were found in the logs or deploy records.\n\n"
        }
        out += "| # | score | verdict | service | version | change | at |\n|---|---|---|---|---|---|---|\n"
        for (index, suspect) in findings.suspects.prefix(10).enumerated() {
            out += "| \(index + 1) | \(String(format2: suspect.score)) | \(suspect.verdict.rawValue) | \(cell(suspect.change.service)) | \(cell(suspect.change.version ?? "–")) | \(suspect.change.kind.rawValue) | \(clock.minute(suspect.change.time)) |\n"
        }
        out += "\n"
        for suspect in findings.suspects.prefix(3) where suspect.verdict != .unlikely {
            out += "#### \(suspect.change.service) \(suspect.change.version ?? "") (\(suspect.change.kind.rawValue), \(suspect.verdict.rawValue))\n\n"
            for item in suspect.evidence {
                // Words, as in the HTML: a reason for a suspect is no tick, one against it no alarm.
                // A neutral item (the change itself) is a plain bullet.
                let mark = item.weight > 0 ? "*supports:* " : item.weight < 0 ? "*argues against:* " : ""
                let refs = item.refs.prefix(4).map { "`\($0)`" }.joined(separator: ", ")
                out += "- \(mark)\(times.apply(item.summary))\(refs.isEmpty ? "" : " — " + refs)\n"
            }
            out += "\n" + commits(of: suspect)
        }
        return out
    }

    /// Every anomaly, dated ones by start, then those of unknown time.
    static func anomalies(_ findings: Findings, clock: DisplayClock) -> String {
        guard !findings.anomalies.isEmpty || !findings.undatedAnomalies.isEmpty else { return "" }
        var out = "### Anomalies\n\n| start | end | service | kind | what |\n|---|---|---|---|---|\n"
        for anomaly in findings.anomalies {
            out += "| \(clock.minute(anomaly.start)) | \(anomaly.end.map(clock.minute) ?? "ongoing") | \(cell(anomaly.service)) | \(anomaly.kind.rawValue) | \(cell(anomaly.summary)) |\n"
        }
        for anomaly in findings.undatedAnomalies {
            let refs = anomaly.evidence.prefix(3).map { "`\($0.ref)`" }.joined(separator: ", ")
            out += "| unknown | | \(cell(anomaly.service)) | \(anomaly.kind.rawValue) | \(cell(anomaly.summary)) — \(refs) |\n"
        }
        return out + "\n"
    }

    // MARK: Suspect commits (--repo)

    /// The best-ranked commits of a suspect, as a numbered list after its evidence.
    static func commits(of suspect: Suspect) -> String {
        guard let heading = SuspectCommitWording.heading(suspect.commits) else { return "" }
        var out = "**\(heading):**\n\n"
        for (index, commit) in suspect.commits.prefix(SuspectCommitWording.shownLimit).enumerated() {
            out += "\(index + 1). `\(SuspectCommitWording.shortSha(commit.commit.sha))` \(commit.commit.subject) — \(commit.commit.authorName): "
                + SuspectCommitWording.why(commit) + "\n"
        }
        let more = suspect.commits.count - SuspectCommitWording.shownLimit
        if more > 0 { out += "\n… \(more) more (`--format json` lists them).\n" }
        return out + "\n"
    }

    static func summary(_ findings: Findings, clock: DisplayClock) -> String {
        let notes = [InputNotes.unrecognised(findings), InputNotes.skipped(findings)].compactMap { $0 }
        let suffix = notes.isEmpty ? "" : "\n\n" + notes.map { "> " + $0.prefix(1).uppercased() + $0.dropFirst() + "." }.joined(separator: "\n>\n")
        if let empty = EmptyWindowWording.sentence(findings, clock: clock) { return empty.prefix(1).uppercased() + empty.dropFirst() + "." + suffix }
        if findings.lacksData { return InputNotes.lacksData.prefix(1).uppercased() + InputNotes.lacksData.dropFirst() + "." + suffix }
        return verdictSummary(findings, clock: clock) + suffix
    }

    static func verdictSummary(_ findings: Findings, clock: DisplayClock) -> String {
        guard let top = findings.culprit else {
            if findings.anomalies.contains(where: \.preExisting) {
                let services = Set(findings.anomalies.filter(\.preExisting).map(\.service)).sorted().joined(separator: ", ")
                return "No change explains the anomalies. Trouble in \(services) was already under way \(findings.startPhrase), so its cause predates them."
            }
            if findings.anomalies.isEmpty, !findings.undatedAnomalies.isEmpty {
                return "Out-of-memory kills were found, but no time could be put on them, so no change can be tied to them."
            }
            return findings.anomalies.isEmpty ? "No anomalies were found." : "No change explains the anomalies found."
        }
        var text = "The \(top.change.kind.rawValue) of **\(top.change.service)\(top.change.version.map { " " + $0 } ?? "")** at \(clock.minute(top.change.time)) is the \(top.verdict.rawValue) culprit (score \(String(format2: top.score)))."
        let times = SummaryClockTimes(findings: findings, clock: clock)
        let reasons = top.evidence.filter { $0.weight > 0 && $0.signal != "symptom" }.prefix(3).map { times.apply($0.summary) }
        if !reasons.isEmpty { text += " " + reasons.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }.joined(separator: " ") }
        let cleared = Set(top.evidence.filter { $0.signal == "symptom" }.flatMap(\.services)).sorted()
        if !cleared.isEmpty {
            let what = cleared.count == 1 ? "is a symptom, not a cause" : "are symptoms, not causes"
            text += " Trouble in \(SuspectCommitWording.list(cleared)) began after \(top.change.service)'s own and \(what)."
        }
        return text
    }

    static func citedLines(_ findings: Findings) -> [EvidenceLine] {
        var seen = Set<SourceRef>()
        var lines = [EvidenceLine]()
        let sources = (findings.culprit?.evidence.flatMap(\.lines) ?? []) + findings.anomalies.flatMap { $0.evidence.prefix(1) }
        for line in sources where seen.insert(line.ref).inserted { lines.append(line) }
        return Array(lines.prefix(40))
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
