import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// Why a suspect is suspected: each reason says in words whether it supports
/// the suspicion or argues against it, with no red "+" to read as an alarm.
@Suite struct EvidenceMarkTests {
    @Test func reasonsForAndAgainstAreTaggedInWords() throws {
        var findings = LeakScenario.findings
        findings.suspects[0].evidence.append(.init(signal: "already_rising", summary: "memory was already rising an hour before the deploy",
                                                   lines: [], weight: -0.8))
        let html = FindingsHTML.render(findings)
        let why = try #require(html.between("<div class=\"why\">", "</div>"))
        #expect(why.occurrences(of: "<li class=\"for\"><span class=\"tag for\">supports</span> ") == 5)
        #expect(why.contains("<li class=\"against\"><span class=\"tag against\">argues against</span> Memory was already rising"))
        #expect(why.contains("<li>Auth-service deployed 2.3.1") || why.contains("<li>auth-service deployed 2.3.1"),
                "the change itself is context, neither for nor against")
        #expect(!ReportStyle.css.contains("content:\"+\""), "no plus sign icon")
        #expect(!ReportStyle.css.contains(".why li.for::before"))
    }
}
