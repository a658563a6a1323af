import CulpritCorrelate

/// The sentences every format prints about inputs that yielded nothing or were
/// skipped, so "no anomalies" is never read as "healthy" when culprit could not
/// read the logs.
enum InputNotes {
    /// `culprit recognised nothing in 1 of 3 files: logs/x.csv (4,001 lines, looks like CSV metrics)`.
    static func unrecognised(_ findings: Findings) -> String? {
        let nothing = findings.unrecognisedInputs
        guard !nothing.isEmpty else { return nil }
        let read = findings.inputs.filter { $0.skipped == nil }.count
        let listed = nothing.prefix(5).map { account in
            "\(account.path) (\(count(account.lines, "line"))\(account.looksLike.map { ", looks like " + $0 } ?? ""))"
        }.joined(separator: "; ")
        let more = nothing.count > 5 ? "; and \(nothing.count - 5) more" : ""
        return "culprit recognised nothing in \(nothing.count) of \(count(read, "file")): \(listed)\(more)"
    }

    /// `skipped 2 files: COUNTS.md (not a log (.md)), core (binary file)`.
    static func skipped(_ findings: Findings) -> String? {
        let skipped = findings.skippedInputs
        guard !skipped.isEmpty else { return nil }
        let listed = skipped.prefix(5).map { "\($0.path) (\($0.skipped ?? ""))" }.joined(separator: ", ")
        return "skipped \(count(skipped.count, "file")): \(listed)\(skipped.count > 5 ? ", …" : "")"
    }

    /// The headline when nothing was recognised at all.
    static let lacksData = "culprit recognised nothing in these logs, so it cannot say whether anything is wrong"

    static func count(_ value: Int, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// `4001` → `4,001`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
