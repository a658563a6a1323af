import CulpritModel
import CulpritCorrelate

/// `analyze --format json` and `report --format json`: the contract's document
/// (`window`, `suspects`, `anomalies`), plus `changes`, `timeline`, `events`,
/// `inputs`, `templates`, `no_data` (nothing to judge: what `--fail-on no-data`
/// exits 4 for) and `empty_window` (null unless the window held no line).
public enum FindingsJSON {
    /// The contract's document for `findings`.
    public static func document(_ findings: Findings) -> JSONValue {
        .object([
            ("window", findings.window.map { .object([("start", .time($0.start)), ("end", .time($0.end))]) } ?? .null),
            ("suspects", .array(findings.suspects.enumerated().map { suspect($0.element, rank: $0.offset + 1) })),
            ("anomalies", .array(findings.anomalies.map(anomaly) + findings.undatedAnomalies.map(undatedAnomaly))),
            ("changes", .array(findings.changes.map(change))),
            ("timeline", .array(findings.timeline.map { entry in
                .object([("time", .time(entry.time)), ("service", .string(entry.service)), ("title", .string(entry.title)),
                         ("ref", .optional(entry.evidence?.ref.description))])
            })),
            ("events", .number(Double(findings.eventCount))),
            ("inputs", .array(findings.inputs.map(input))),
            ("templates", TemplatesJSON.services(findings.templates)),
            ("no_data", .bool(findings.emptyWindow != nil || findings.lacksData)),
            ("empty_window", findings.emptyWindow.map(emptyWindow) ?? .null),
        ])
    }

    /// A `--since`/`--until` window that held no log line: its bounds and the
    /// oldest and newest lines read, all outside it.
    static func emptyWindow(_ empty: EmptyWindow) -> JSONValue {
        func line(_ line: LinesOutsideWindow.TimedRef) -> JSONValue {
            .object([("time", .time(line.time)), ("ref", .string(line.ref.description))])
        }
        return .object([("since", .time(empty.since)), ("until", .time(empty.until)),
                        ("oldest_line", line(empty.linesRead.oldest)), ("newest_line", line(empty.linesRead.newest))])
    }

    /// The document, pretty-printed.
    public static func render(_ findings: Findings) -> String { document(findings).rendered() }

    /// The contract's suspect object without its rank and evidence: `service`,
    /// `version`, `change`, `at`, `score`, `verdict` (what watch's culprit alerts carry).
    public static func suspect(_ suspect: Suspect) -> JSONValue { .object(suspectFields(suspect)) }

    /// The contract's six fields that name a suspect.
    package static func suspectFields(_ suspect: Suspect) -> [(String, JSONValue)] {
        [
            ("service", .string(suspect.change.service)),
            ("version", .optional(suspect.change.version)),
            ("change", .string(suspect.change.kind.rawValue)),
            ("at", .time(suspect.change.time)),
            ("score", .number(suspect.score)),
            ("verdict", .string(suspect.verdict.rawValue)),
        ]
    }

    static func suspect(_ suspect: Suspect, rank: Int) -> JSONValue {
        .object([("rank", .number(Double(rank)))] + suspectFields(suspect) + [
            ("previous_version", .optional(suspect.change.previousVersion)),
            ("evidence", .array(suspect.evidence.map { item in
                var pairs: [(String, JSONValue)] = [
                    ("signal", .string(item.signal)),
                    ("summary", .string(item.summary)),
                    ("refs", .array(item.refs.map { .string($0.description) })),
                    ("weight", .number((item.weight * 100).rounded() / 100)),
                ]
                if !item.messages.isEmpty { pairs.append(("messages", TemplatesJSON.evidenceMessages(item.messages))) }
                return .object(pairs)
            })),
        ] + (suspect.commits.isEmpty ? [] : [("commits", .array(suspect.commits.map(commit)))]))
    }

    /// One of `suspects[].commits` (with `--repo`): the contract's `sha`, `subject`,
    /// `author`, `files`, `why`, plus `date`, the `range` and the `frames` naming its files.
    static func commit(_ commit: SuspectCommit) -> JSONValue {
        .object([
            ("sha", .string(commit.commit.sha)),
            ("subject", .string(commit.commit.subject)),
            ("author", .string(commit.commit.author)),
            ("date", .time(commit.commit.authorTime)),
            ("files", .array(commit.commit.files.map(JSONValue.string))),
            ("why", .string(SuspectCommitWording.why(commit))),
            ("range", .string(commit.range.label)),
            ("frames", .number(Double(commit.frames))),
        ])
    }

    static func anomaly(_ anomaly: Anomaly) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("service", .string(anomaly.service)),
            ("kind", .string(anomaly.kind.rawValue)),
            ("start", .time(anomaly.start)),
            ("end", .time(anomaly.end)),
            ("summary", .string(anomaly.summary)),
            ("refs", .array(anomaly.evidence.map { .string($0.ref.description) })),
            ("preexisting", .bool(anomaly.preExisting)),
        ]
        if let growth = anomaly.growth {
            pairs.append(("growth", .object([
                ("instance", .string(growth.instance)),
                ("bytes_per_minute", .number(growth.bytesPerMinute.rounded())),
                ("start_bytes", .number(growth.startBytes.rounded())),
                ("end_bytes", .number(growth.endBytes.rounded())),
                ("limit_bytes", growth.limitBytes.map { .number($0.rounded()) } ?? .null),
                ("minutes_to_limit", growth.minutesToLimit.map { .number(($0 * 10).rounded() / 10) } ?? .null),
                ("p_value", .number(growth.pValue)),
                ("growing_segments", .number(Double(growth.growingSegments))),
            ])))
        }
        return .object(pairs)
    }

    /// An anomaly no time could be put on: `start` is null and `time_quality` says why.
    static func undatedAnomaly(_ anomaly: Anomaly) -> JSONValue {
        guard case .object(var pairs) = self.anomaly(anomaly) else { return .null }
        for index in pairs.indices where pairs[index].0 == "start" { pairs[index].1 = .null }
        pairs.append(("time_quality", .string(TimeQuality.unknown.rawValue)))
        return .object(pairs)
    }

    /// One input: `path`, `format`, `lines`, `events`, `undated`, and when it applies `skipped` and `looks_like`.
    static func input(_ account: InputAccount) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("path", .string(account.path)), ("format", .string(account.format)), ("lines", .number(Double(account.lines))),
            ("events", .number(Double(account.events))), ("undated", .number(Double(account.undated))),
        ]
        if let skipped = account.skipped { pairs.append(("skipped", .string(skipped))) }
        if let looksLike = account.looksLike { pairs.append(("looks_like", .string(looksLike))) }
        return .object(pairs)
    }

    static func change(_ change: ChangeMarker) -> JSONValue {
        .object([
            ("service", .string(change.service)),
            ("version", .optional(change.version)),
            ("change", .string(change.kind.rawValue)),
            ("at", .time(change.time)),
            ("previous_version", .optional(change.previousVersion)),
            ("refs", .array(change.evidence.map { .string($0.ref.description) })),
        ])
    }
}
