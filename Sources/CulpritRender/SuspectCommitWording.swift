import Foundation
import CulpritCorrelate

/// How suspect commits read in every format: the one place their sentences are written.
enum SuspectCommitWording {
    /// Commits listed under the top suspect in the table, Markdown and HTML; JSON has every one kept.
    static let shownLimit = 3

    /// `Suspect commits (v2.3.0..v2.3.1)`, or for a rollback `Commits the rollback took out (…)`.
    static func heading(_ commits: [SuspectCommit]) -> String? {
        guard let range = commits.first?.range else { return nil }
        return (range.takenOut ? "Commits the rollback took out" : "Suspect commits") + " (\(range.label))"
    }

    /// `3f9a2c1 Cache session tokens without expiry — Ada Lovelace`.
    static func title(_ commit: SuspectCommit) -> String {
        "\(shortSha(commit.commit.sha)) \(commit.commit.subject) — \(commit.commit.authorName)"
    }

    static func shortSha(_ sha: String) -> String { String(sha.prefix(7)) }

    /// Why the commit ranks where it does: `changes com/x/SessionCache.java, named in 12
    /// stack frames of the error spike; its subject shares the word session with the cited messages`.
    static func why(_ commit: SuspectCommit) -> String {
        var parts = [String]()
        if !commit.namedFiles.isEmpty {
            let shown = commit.namedFiles.prefix(3).map(\.matchedPath)
            let more = commit.namedFiles.count - shown.count
            var signals = [String]()
            for file in commit.namedFiles { for signal in file.signals where !signals.contains(signal) { signals.append(signal) } }
            parts.append("changes \(list(shown + (more > 0 ? ["\(more) more"] : []))), named in \(commit.frames) stack frame\(commit.frames == 1 ? "" : "s") of "
                + list(signals.map(evidencePhrase)))
        }
        if !commit.sharedWords.isEmpty {
            let words = commit.sharedWords.prefix(5)
            parts.append("its subject shares the word\(words.count == 1 ? "" : "s") \(list(Array(words))) with the cited messages")
        }
        if parts.isEmpty {
            return "in \(commit.range.label); nothing in the evidence names its files or words"
        }
        return parts.joined(separator: "; ")
    }

    /// What the records of an evidence signal are, in a sentence.
    static func evidencePhrase(_ signal: String) -> String {
        switch signal {
        case "oom": return "the OOM kills"
        case "crash": return "the crashes"
        case "rollback_recovery", "restart_relief": return "the recovery"
        default: return "the " + signal.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
