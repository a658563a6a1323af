import CulpritModel
import CulpritCorrelate

/// Puts the clock times the analysis writes into its sentences (`at 00:50Z`,
/// UTC) on the reader's clock (`at 01:50 WAT`).
///
/// Why here: the ranking still writes its evidence in English, times included,
/// before any renderer knows the reader's zone (docs/ARCHITECTURE.md, "Render
/// should own the words"). A time is only rewritten when exactly one UTC minute
/// among the findings' changes and anomaly starts reads like it, so the rewrite
/// cannot move a time to the wrong day; any other is left as written, still
/// labelled `Z`.
package struct SummaryClockTimes {
    /// Each `HH:MM` UTC clock time that names one known minute, to that minute (microseconds).
    private var instants: [String: Int64] = [:]
    let clock: DisplayClock

    /// The rewriting for the clock times that name `findings`' changes and anomaly starts.
    package init(findings: Findings, clock: DisplayClock) {
        self.init(instants: findings.changes.map(\.time) + findings.anomalies.map(\.start), clock: clock)
    }

    init(instants: [Int64], clock: DisplayClock) {
        self.clock = clock
        var minutes = [String: Set<Int64>]()
        for instant in instants {
            let minute = DisplayClock.floorDivide(instant, 60_000_000)
            minutes[DisplayClock.utc.clock(instant), default: []].insert(minute)
        }
        for (text, found) in minutes where found.count == 1 { self.instants[text] = found.first! * 60_000_000 }
    }

    /// `text` with each `HH:MMZ` that names a known minute written as `HH:MM ZONE` on the reader's clock.
    package func apply(_ text: String) -> String {
        guard text.contains("Z") else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            if index + 6 <= characters.count, characters[index + 5] == "Z", characters[index + 2] == ":",
               [0, 1, 3, 4].allSatisfy({ characters[index + $0].isASCII && characters[index + $0].isNumber }),
               index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == ":"),
               index + 6 == characters.count || !(characters[index + 6].isLetter || characters[index + 6].isNumber),
               let instant = instants[String(characters[index..<index + 5])] {
                out += clock.time(instant)
                index += 6
                continue
            }
            out.append(characters[index])
            index += 1
        }
        return out
    }
}
