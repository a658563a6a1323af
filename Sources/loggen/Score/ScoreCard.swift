import Foundation

/// Scenario scores added up by fault type, as `make eval` prints them.
struct ScoreCard {
    private var scores: [ScenarioScore] = []

    mutating func add(_ score: ScenarioScore) { scores.append(score) }

    /// The scenario folders (those holding truth.json) at or one level under `root`.
    static func scenarioFolders(under root: String) throws -> [String] {
        let manager = FileManager.default
        if manager.fileExists(atPath: root + "/truth.json") { return [root] }
        let names = try manager.contentsOfDirectory(atPath: root).sorted()
        return names.map { root + "/" + $0 }.filter { manager.fileExists(atPath: $0 + "/truth.json") }
    }

    private struct Row {
        var fault: String
        var right = 0
        var total = 0
        var falseLikely = 0
        var innocent = 0
    }

    private var rows: [Row] {
        var byFault: [String: Row] = [:]
        for score in scores {
            var row = byFault[score.fault] ?? Row(fault: score.fault)
            row.total += 1
            if score.right { row.right += 1 }
            row.falseLikely += score.falseLikely
            row.innocent += score.innocentCount
            byFault[score.fault] = row
        }
        let order = FaultType.allCases.map(\.rawValue)
        return byFault.values.sorted { (order.firstIndex(of: $0.fault) ?? 99) < (order.firstIndex(of: $1.fault) ?? 99) }
    }

    private var total: Row {
        rows.reduce(into: Row(fault: "total")) { sum, row in
            sum.right += row.right
            sum.total += row.total
            sum.falseLikely += row.falseLikely
            sum.innocent += row.innocent
        }
    }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.0f%%", 100 * Double(part) / Double(whole))
    }

    /// The table for a terminal.
    func table() -> String {
        func line(_ row: Row) -> String {
            row.fault.padding(toLength: 24, withPad: " ", startingAt: 0)
                + "\(row.right)/\(row.total)".leftPadded(to: 8) + Self.percent(row.right, row.total).leftPadded(to: 7)
                + String(row.falseLikely).leftPadded(to: 14) + String(row.innocent).leftPadded(to: 11)
        }
        var lines = ["fault type".padding(toLength: 24, withPad: " ", startingAt: 0) + "right".leftPadded(to: 8)
            + "".leftPadded(to: 7) + "false likely".leftPadded(to: 14) + "innocent".leftPadded(to: 11)]
        lines += rows.map(line)
        lines.append(line(total))
        let sum = total
        lines.append("")
        lines.append("right: \(Self.percent(sum.right, sum.total)) of \(sum.total) scenario\(sum.total == 1 ? "" : "s"); "
            + "false likely: \(sum.falseLikely) (\(Self.percent(sum.falseLikely, sum.innocent)) of \(sum.innocent) innocent change\(sum.innocent == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }

    /// The same table in Markdown, for the README.
    func markdownTable() -> String {
        var lines = ["| fault type | right | % | false likely | innocent changes |", "|---|---:|---:|---:|---:|"]
        for row in rows + [total] {
            let name = row.fault == "total" ? "**total**" : "`\(row.fault)`"
            lines.append("| \(name) | \(row.right)/\(row.total) | \(Self.percent(row.right, row.total)) | \(row.falseLikely) | \(row.innocent) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every wrong scenario: its folder, why, culprit's first suspect and the truth.
    func failures() -> String {
        let wrong = scores.filter { !$0.right || $0.falseLikely > 0 }
        guard !wrong.isEmpty else { return "\nno wrong scenario" }
        var lines = ["", "wrong (\(wrong.count)):"]
        for score in wrong {
            lines.append("  \(score.folder): \(score.right ? "right, but \(score.falseLikely) false likely" : score.reason)")
            lines.append("      culprit: \(score.top)")
            lines.append("      truth:   \(score.truth)")
        }
        return lines.joined(separator: "\n")
    }
}
