/// Words for patterns whose regex gave up at PCRE2's match or depth limit
/// (`RegexScratch.matchLimit`, `depthLimit`): on those records the pattern
/// could not decide, so its events there are missing, and the run was slowed by
/// up to a million backtracking steps per record. Said once per pattern per run.
enum PatternLimitReport {
    static func messages(_ hits: [Int: Int], patterns: PatternSet) -> [String] {
        hits.keys.sorted().compactMap { index in
            guard index < patterns.compiled.count, let count = hits[index], count > 0 else { return nil }
            let pattern = patterns.compiled[index]
            return "\(pattern.definition.origin): pattern \(pattern.id) gave up on \(count) record\(count == 1 ? "" : "s") "
                + "at PCRE2's backtracking limit (catastrophic backtracking); its events there are missing: "
                + "rewrite the regex without nested or overlapping quantifiers"
        }
    }
}
