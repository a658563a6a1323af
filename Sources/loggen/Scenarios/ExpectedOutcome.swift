/// What culprit should conclude about a scenario: the `expected.json` that the
/// end-to-end tests compare against.
struct ExpectedOutcome {
    /// The top-ranked suspect culprit must report.
    struct Suspect {
        var service: String
        var version: String?
        /// `deploy`, `rollback`, `restart` or `config`.
        var change: String
        /// `likely`, `possible` or `unlikely`.
        var verdict: String
    }

    /// The IANA zone to pass with `--tz`, when files carry local times.
    var tz: String?
    /// The suspect ranked first, or nil when no change explains the anomalies.
    var topSuspect: Suspect?
    /// Services whose changes or symptoms must not be ranked `likely`.
    var notSuspects: [String]

    /// The file's JSON, with `events` counted from what loggen wrote.
    func json(events: EventTally) -> String {
        var lines = ["{"]
        lines.append("  \"tz\": \(tz.map(quoted) ?? "null"),")
        if let suspect = topSuspect {
            let version = suspect.version.map(quoted) ?? "null"
            lines.append("  \"top_suspect\": {\"service\": \(quoted(suspect.service)), \"version\": \(version), "
                + "\"change\": \(quoted(suspect.change)), \"verdict\": \(quoted(suspect.verdict))},")
        } else {
            lines.append("  \"top_suspect\": null,")
        }
        lines.append("  \"not_suspects\": [\(notSuspects.map(quoted).joined(separator: ", "))],")
        lines.append("  \"events\": {")
        let rows = events.rows
        for (index, row) in rows.enumerated() {
            let kinds = row.kinds.map { "\(quoted($0.0.rawValue)): \($0.1)" }.joined(separator: ", ")
            let comma = index + 1 < rows.count ? "," : ""
            lines.append("    \(quoted(row.service)): {\(kinds)}\(comma)")
        }
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ text: String) -> String {
        var buffer = LineBuffer()
        buffer.appendJSONString(text)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
