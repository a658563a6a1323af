import CulpritCorrelate

/// The top of the report: which change is the culprit, or that none is, with
/// the strongest reasons and the facts of the analysed window. It is what a
/// person paged at 3 a.m. reads first, so it is one sentence they can act on.
struct ReportVerdict {
    var findings: Findings

    /// Reasons listed under the headline.
    static let reasonLimit = 3

    init(_ findings: Findings) { self.findings = findings }

    func render(title: String, clock: ReportClock, into out: inout HTMLWriter) {
        let top = findings.culprit
        out.raw("<header class=\"verdict")
        if let top { out.raw(" "); out.raw(top.verdict.rawValue) }
        out.raw("\">\n<p class=\"kicker\">")
        out.text(title)
        out.raw("</p>\n<h1>")
        if let top {
            let change = top.change
            out.raw("<span class=\"what\">")
            out.text(change.service + (change.version.map { " " + $0 } ?? ""))
            out.raw("</span> (")
            out.raw(change.kind.rawValue)
            out.raw(" at ")
            out.text(clock.display.minute(change.time))
            out.raw(") is ")
            out.raw(top.verdict == .likely ? "the likely culprit" : "a possible culprit")
            out.raw(" <span class=\"score\">— score ")
            out.text(String(format2: top.score))
            out.raw("</span></h1>\n")
            reasons(of: top, times: SummaryClockTimes(findings: findings, clock: clock.display), into: &out)
        } else {
            if let empty = EmptyWindowWording.sentence(findings, clock: clock.display) {
                out.text(empty.prefix(1).uppercased() + empty.dropFirst())
            } else if findings.lacksData {
                out.text(InputNotes.lacksData.prefix(1).uppercased() + InputNotes.lacksData.dropFirst())
            } else if findings.anomalies.isEmpty, !findings.undatedAnomalies.isEmpty {
                out.raw("Out-of-memory kills of unknown time")
            } else {
                out.raw(findings.anomalies.isEmpty ? "No anomalies found" : "No change explains the anomalies")
            }
            out.raw("</h1>\n")
            noCulpritNotes(clock: clock, into: &out)
        }
        for note in [InputNotes.unrecognised(findings), InputNotes.skipped(findings)].compactMap({ $0 }) {
            out.raw("<p class=\"muted\">")
            out.text(note.prefix(1).uppercased() + note.dropFirst() + ".")
            out.raw("</p>\n")
        }
        facts(clock: clock, into: &out)
        out.raw("</header>\n")
    }

    private func reasons(of top: Suspect, times: SummaryClockTimes, into out: inout HTMLWriter) {
        let reasons = top.evidence.filter { $0.weight > 0 && $0.signal != "symptom" }.prefix(Self.reasonLimit)
        if !reasons.isEmpty {
            out.raw("<ul>\n")
            for reason in reasons {
                out.raw("<li>"); out.text(HTMLReport.sentence(times.apply(reason.summary))); out.raw("</li>\n")
            }
            out.raw("</ul>\n")
        }
        let symptoms = Set(top.evidence.filter { $0.signal == "symptom" }.flatMap(\.services)).sorted()
        if !symptoms.isEmpty {
            out.raw("<p>Trouble in <b>")
            out.text(SuspectCommitWording.list(symptoms))
            out.raw("</b> began after ")
            out.text(top.change.service)
            out.raw(symptoms.count == 1 ? "'s own: a symptom, not a cause.</p>\n" : "'s own: symptoms, not causes.</p>\n")
        }
    }

    private func noCulpritNotes(clock: ReportClock, into out: inout HTMLWriter) {
        let preExisting = Set(findings.anomalies.filter(\.preExisting).map(\.service)).sorted()
        if !preExisting.isEmpty {
            out.raw("<p>Trouble in <b>")
            out.text(preExisting.joined(separator: ", "))
            out.raw("</b> was already under way ")
            out.raw(findings.startPhrase)
            out.raw(", so its cause predates them: look at earlier logs or changes.</p>\n")
        }
        if let best = findings.suspects.first {
            out.raw("<p class=\"muted\">The best candidate, ")
            out.text(best.change.label)
            out.raw(" at ")
            out.text(clock.display.minute(best.change.time))
            out.raw(", scores only ")
            out.text(String(format2: best.score))
            out.raw(".</p>\n")
        }
    }

    private func facts(clock: ReportClock, into out: inout HTMLWriter) {
        out.raw("<div class=\"facts\">")
        if let window = findings.window {
            out.raw("<span>Logs <b>")
            if clock.singleDay {
                out.text(clock.display.clock(window.start) + "–" + clock.display.time(window.end))
                out.raw("</b> on ")
                out.text(clock.display.date(window.start))
            } else {
                out.text(clock.display.minute(window.start) + " – " + clock.display.minute(window.end))
                out.raw("</b>")
            }
            out.raw("</span>")
        }
        out.raw("<span><b>"); out.text(Self.grouped(findings.eventCount)); out.raw("</b> events</span>")
        out.raw("<span><b>"); out.int(findings.changes.count); out.raw("</b> "); out.raw(findings.changes.count == 1 ? "change" : "changes")
        out.raw("</span>")
        if let impact = ImpactWindow(findings) {
            out.raw("<span>Trouble from <b>"); out.text(clock.cell(impact.start)); out.raw("</b> to <b>")
            out.text(impact.end.map(clock.cell) ?? "the end of the logs"); out.raw("</b></span>")
        }
        out.raw("</div>\n")
    }

    /// `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
