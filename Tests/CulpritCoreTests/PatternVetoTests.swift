import Testing
@testable import CulpritExtract

/// A pattern's `unless` regex vetoes its matches, so the main regex needs no
/// look-around and stays runnable by other engines.
@Suite struct PatternVetoTests {
    private let yaml = """
    pack: veto
    patterns:
      - id: veto.failed
        kind: error
        literals: [failed]
        regex: '\\bfailed\\b'
        unless: '\\b0 failed\\b'
    """

    @Test func aVetoedRecordGivesNoEventAndOthersStillDo() throws {
        let set = try PatternSet(PatternPackLoader.load(text: yaml, file: "veto.yaml"))
        let text = """
        2025-03-12T01:00:00Z job 7 failed
        2025-03-12T01:00:01Z 0 failed jobs this hour
        2025-03-12T01:00:02Z job 9 failed

        """
        let (events, _) = try extractWithBuiltIns(text, patterns: set)
        let ours = events.filter { $0.patternID == "veto.failed" }
        #expect(ours.map(\.ref.line) == [1, 3])
    }

    @Test func anUnlessNeedsARegexAndMustCompile() {
        for (body, needle) in [("        level: error\n        unless: 'x'\n", "beside a `regex`"), ("        regex: 'a'\n        unless: '('\n", "does not compile")] {
            let text = "pack: v\npatterns:\n  - id: v.a\n    kind: error\n    literals: [a]\n" + body.replacingOccurrences(of: "        ", with: "    ")
            do {
                _ = try PatternPackLoader.load(text: text, file: "v.yaml")
                Issue.record("accepted: \(body)")
            } catch {
                #expect(error.description.contains(needle), "\(error.description)")
                #expect(error.description.hasPrefix("v.yaml:"), "\(error.description)")
            }
        }
    }
}
