import Foundation
import Testing

/// `--format markdown` on the sample incident is a postmortem draft worth
/// editing: every section a team fills in, what culprit knows already written,
/// in the reader's zone, and the rest marked to fill.
@Suite struct PostmortemDraftTests {
    let sample = "samples/2025-03-12-auth-leak"

    func draft() throws -> String {
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "markdown", "--tz", "Africa/Lagos",
                                            "\(sample)/logs", "--deploys", "\(sample)/deploys.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func everySectionIsThereInOrder() throws {
        let text = try draft()
        let headings = ["# Postmortem: auth-service memory growth after the deploy of auth-service 2.3.1", "## Summary", "## Impact",
                        "## Root cause and trigger", "## Detection", "## Resolution and recovery", "## Timeline", "## Action items",
                        "## Lessons learned", "## Evidence", "### Suspects", "### Anomalies", "### Cited log lines"]
        var position = text.startIndex
        for heading in headings {
            let found = try #require(text.range(of: "\n" + heading + "\n", range: position..<text.endIndex) ?? (text.hasPrefix(heading + "\n") ? text.range(of: heading) : nil),
                                     "missing or out of order: \(heading)")
            position = found.upperBound
        }
    }

    @Test func theHeaderSaysDateStatusAndAuthors() throws {
        let text = try draft()
        #expect(text.contains("| **Date** | 2025-03-12 (WAT) |"))
        #expect(text.contains("| **Status** | draft |"))
        #expect(text.contains("| **Authors** | _to fill_ |"))
    }

    @Test func impactIsInUserTerms() throws {
        let text = try draft()
        #expect(text.contains("- **How long:** 3 h 39 min, 2025-03-12 01:50 to 05:30 WAT."), "\(text)")
        #expect(text.contains("of api-gateway's 1,730 requests failed in that time"), "the gateway has the most requests")
        #expect(text.contains("- **Services:** auth-service ("))
    }

    @Test func rootCauseDetectionAndResolutionComeFromTheFindings() throws {
        let text = try draft()
        #expect(text.contains("**Trigger:** the deploy of auth-service 2.3.1 at 2025-03-12 01:50 WAT by ci-bot"), "\(text)")
        #expect(text.contains("- **Trouble began:** 2025-03-12 01:50 WAT, auth-service memory growth."))
        #expect(text.contains("- **culprit would have alerted:** at about 2025-03-12 01:58 WAT"))
        #expect(text.contains("- 2025-03-12 05:00 WAT: rollback of auth-service to 2.3.0 by tunde.bakare."))
        #expect(text.contains("- **Recovered:** auth-service memory growth ended at 2025-03-12 05:00 WAT."))
    }

    @Test func actionItemsAreDraftsAndLessonsAreLeftToFill() throws {
        let text = try draft()
        let items = text.components(separatedBy: "## Action items\n\n")[1].components(separatedBy: "\n\n")[0].split(separator: "\n")
        #expect(items.count >= 3, "\(items)")
        #expect(items.allSatisfy { $0.hasPrefix("- [ ] (draft) ") }, "\(items)")
        #expect(items.contains { $0.contains("Find and fix what in auth-service 2.3.1 caused auth-service memory growth") })
        #expect(text.contains("## Lessons learned\n\n- **What went well:** _to fill_"))
    }
}
