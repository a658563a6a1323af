import Foundation
import CulpritModel
import CulpritCorrelate

/// `analyze --format table`: a headline, the ranking, and under the top suspect
/// a few lines of why with the cited `path:line`s. Colour only when asked
/// (a terminal without `NO_COLOR`).
public struct FindingsTable {
    /// Whether to colour the verdicts (ANSI).
    public var color: Bool
    /// How many suspects and anomalies to list.
    public var suspectLimit = 10
    /// How many anomalies to list.
    public var anomalyLimit = 12
    /// How many reasons to show under the top suspect.
    public var whyLimit = 6

    /// The reader's clock: the zone every time is shown in.
    public var clock: DisplayClock

    /// A table, coloured when `color`, its times on `clock`.
    public init(color: Bool, clock: DisplayClock = .utc) {
        self.color = color
        self.clock = clock
    }

    /// The table for `findings`.
    public func render(_ findings: Findings) -> String {
        var out = headline(findings) + "\n"
        if let window = findings.window {
            out += dim("window \(clock.range(window.start, window.end)), \(InputNotes.count(findings.eventCount, "event")), \(InputNotes.count(findings.changes.count, "change"))") + "\n"
        }
        for note in [InputNotes.unrecognised(findings), InputNotes.skipped(findings)].compactMap({ $0 }) { out += note + "\n" }
        out += "\n"
        if !findings.suspects.isEmpty {
            let rows = findings.suspects.prefix(suspectLimit).enumerated().map { index, suspect in
                [String(index + 1), String(format2: suspect.score), suspect.verdict.rawValue, suspect.change.service,
                 suspect.change.version ?? "-", suspect.change.kind.rawValue, clock.minute(suspect.change.time)]
            }
            out += table(header: ["#", "SCORE", "VERDICT", "SERVICE", "VERSION", "CHANGE", "AT"], rows: rows, verdictColumn: 2)
            if findings.suspects.count > suspectLimit { out += dim("  … \(findings.suspects.count - suspectLimit) more (--format json lists all)") + "\n" }
        }
        if let top = findings.suspects.first, top.verdict != .unlikely {
            out += "\n" + bold("Why \(top.change.service)\(top.change.version.map { " " + $0 } ?? ""):") + "\n"
            let times = SummaryClockTimes(findings: findings, clock: clock)
            let shown = top.evidence.prefix(whyLimit)
            for item in shown {
                let mark = item.weight > 0 ? green("+") : item.weight < 0 ? red("-") : " "
                out += "  \(mark) \(times.apply(item.summary))\n"
                let refs = item.refs.prefix(4).map(\.description)
                if !refs.isEmpty { out += "      " + dim(refs.joined(separator: "  ")) + "\n" }
            }
            if top.evidence.count > whyLimit {
                out += dim("  … \(top.evidence.count - whyLimit) more reasons (--format markdown or json lists all)") + "\n"
            }
            out += commits(of: top)
        }
        if !findings.anomalies.isEmpty {
            out += "\n" + bold("Anomalies:") + "\n"
            for anomaly in findings.anomalies.prefix(anomalyLimit) {
                out += "  \(clock.minute(anomaly.start))  \(anomaly.service)  \(anomaly.kind.rawValue): \(anomaly.summary)\n"
                if let ref = anomaly.evidence.first?.ref { out += "      " + dim(ref.description) + "\n" }
            }
            if findings.anomalies.count > anomalyLimit { out += dim("  … \(findings.anomalies.count - anomalyLimit) more") + "\n" }
        }
        if !findings.undatedAnomalies.isEmpty {
            out += "\n" + bold("Of unknown time (no dated line before them in their file):") + "\n"
            for anomaly in findings.undatedAnomalies {
                out += "  \(anomaly.service)  \(anomaly.kind.rawValue): \(anomaly.summary)\n"
                let refs = anomaly.evidence.prefix(3).map(\.ref.description)
                if !refs.isEmpty { out += "      " + dim(refs.joined(separator: "  ")) + "\n" }
            }
        }
        return out
    }

    // MARK: Suspect commits (--repo)

    /// The best-ranked commits of the top suspect, each with why, under its reasons.
    func commits(of suspect: Suspect) -> String {
        guard let heading = SuspectCommitWording.heading(suspect.commits) else { return "" }
        var out = "\n" + bold(heading + ":") + "\n"
        for commit in suspect.commits.prefix(SuspectCommitWording.shownLimit) {
            out += "  \(SuspectCommitWording.title(commit))\n"
            out += "      " + dim(SuspectCommitWording.why(commit)) + "\n"
        }
        let more = suspect.commits.count - SuspectCommitWording.shownLimit
        if more > 0 { out += dim("  … \(more) more (--format json lists them)") + "\n" }
        return out
    }

    func headline(_ findings: Findings) -> String {
        if let empty = EmptyWindowWording.sentence(findings, clock: clock) { return bold(empty + ".") }
        if findings.lacksData { return bold(InputNotes.lacksData + ".") }
        guard let top = findings.suspects.first, top.verdict != .unlikely else {
            if findings.anomalies.contains(where: \.preExisting) {
                return bold("No change explains the anomalies:") + " they were already under way \(findings.startPhrase)."
            }
            if findings.anomalies.isEmpty, !findings.undatedAnomalies.isEmpty {
                return bold("Out-of-memory kills found, but no time could be put on them:") + " no change can be tied to them."
            }
            return findings.anomalies.isEmpty ? bold("No anomalies found.") : bold("No change explains the anomalies.")
        }
        let what = "\(top.change.service)\(top.change.version.map { " " + $0 } ?? "") (\(top.change.kind.rawValue) at \(clock.minute(top.change.time)))"
        let verdict = top.verdict == .likely ? green("the likely culprit") : yellow("a possible culprit")
        return bold(what) + " is " + verdict + " (score \(String(format2: top.score)))"
    }

    func table(header: [String], rows: [[String]], verdictColumn: Int) -> String {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], colored: Bool) -> String {
            cells.enumerated().map { index, cell in
                let padded = cell + String(repeating: " ", count: widths[index] - cell.count)
                guard colored, index == verdictColumn else { return padded }
                return cell == "likely" ? green(padded) : cell == "possible" ? yellow(padded) : dim(padded)
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return bold(line(header, colored: false)) + rows.map { line($0, colored: true) }.joined()
    }

    private func wrap(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func red(_ text: String) -> String { wrap(text, "31") }
}

extension String {
    /// Two decimal places, without Foundation formatting.
    package init(format2 value: Double) {
        guard let hundredths = Int64(exactly: (value * 100).rounded()) else { self = String(value); return }
        let fraction = abs(hundredths % 100)
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
