import CulpritIngest

/// Ranks the commits of a suspect change by how much the suspect's own
/// evidence points at them.
///
/// Method:
/// 1. Every line of the cited records is read as a stack frame
///    (`StackFrameParser`); the other lines are messages. Frames in
///    dependencies (`StackFrame.isDependency`) are left out.
/// 2. Each frame's path is matched against every path the range's commits
///    change, by the longest common suffix of path components (the file name
///    at least). A frame names the paths with the longest suffix only, so
///    `/src/auth/cache.go` names `auth/cache.go`, not `billing/cache.go`.
/// 3. A commit counts the frames naming its files. Commits are ordered by that
///    count, then by the longest suffix matched, then by how many distinct
///    `MessageWords` its subject shares with the messages, then newest first
///    (git's order).
package struct CommitRanking {
    package init() {}

    package func rank(_ commits: [GitCommit], range: CommitRange, records: [CitedRecord]) -> [SuspectCommit] {
        let parser = StackFrameParser()
        // Frame path → how many frames name it, per signal (in first-seen order).
        var frameCounts = [String: [(signal: String, count: Int)]]()
        var messageWords = Set<String>()
        for record in records {
            for line in record.lines {
                guard let frame = parser.frame(in: line) else {
                    messageWords.formUnion(MessageWords.words(in: line))
                    continue
                }
                guard !frame.isDependency else { continue }
                var counts = frameCounts[frame.path, default: []]
                if let index = counts.firstIndex(where: { $0.signal == record.signal }) { counts[index].count += 1 } else { counts.append((record.signal, 1)) }
                frameCounts[frame.path] = counts
            }
        }
        let named = namedPaths(frameCounts: frameCounts, changed: Set(commits.flatMap(\.files)))
        let ranked = commits.enumerated().map { index, commit -> (SuspectCommit, Int) in
            let files = commit.files.compactMap { named[$0] }.sorted { ($0.frames, $1.path) > ($1.frames, $0.path) }
            let words = MessageWords.words(in: commit.subject).intersection(messageWords).sorted()
            return (SuspectCommit(commit: commit, range: range, namedFiles: files, sharedWords: words), index)
        }
        return ranked.sorted { lhs, rhs in
            let a = lhs.0, b = rhs.0
            let longestA = a.namedFiles.map { StackFrame.components(of: $0.matchedPath).count }.max() ?? 0
            let longestB = b.namedFiles.map { StackFrame.components(of: $0.matchedPath).count }.max() ?? 0
            return (a.frames, longestA, a.sharedWords.count, -lhs.1) > (b.frames, longestB, b.sharedWords.count, -rhs.1)
        }.map(\.0)
    }

    /// The changed paths frames name, with how many frames and from which signals.
    func namedPaths(frameCounts: [String: [(signal: String, count: Int)]], changed: Set<String>) -> [String: SuspectCommit.NamedFile] {
        var byFileName = [Substring: [(path: String, components: [Substring])]]()
        for path in changed {
            let components = StackFrame.components(of: path)
            if let name = components.last { byFileName[name, default: []].append((path, components)) }
        }
        var named = [String: (matched: Int, frames: Int, signals: [String: Int])]()
        for (framePath, counts) in frameCounts {
            let components = StackFrame.components(of: framePath)
            guard let name = components.last, let candidates = byFileName[name] else { continue }
            let lengths = candidates.map { Self.commonSuffixLength(components, $0.components) }
            guard let best = lengths.max(), best > 0 else { continue }
            for (candidate, length) in zip(candidates, lengths) where length == best {
                var entry = named[candidate.path] ?? (0, 0, [:])
                entry.matched = max(entry.matched, best)
                for (signal, count) in counts {
                    entry.frames += count
                    entry.signals[signal, default: 0] += count
                }
                named[candidate.path] = entry
            }
        }
        var files = [String: SuspectCommit.NamedFile]()
        for (path, entry) in named {
            let matched = StackFrame.components(of: path).suffix(entry.matched).joined(separator: "/")
            let signals = entry.signals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            files[path] = SuspectCommit.NamedFile(path: path, matchedPath: matched, frames: entry.frames, signals: signals)
        }
        return files
    }

    static func commonSuffixLength(_ a: [Substring], _ b: [Substring]) -> Int {
        var length = 0
        while length < a.count, length < b.count, a[a.count - 1 - length] == b[b.count - 1 - length] { length += 1 }
        return length
    }
}
