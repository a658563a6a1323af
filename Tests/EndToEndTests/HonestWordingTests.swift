import Foundation
import Testing

/// Words that say what culprit knows: the window's start is not the logs' start,
/// an impact is ongoing only when its main symptom is, one change is one change.
@Suite struct HonestWordingTests {
    @Test func aLeakUnderWayWhenASinceWindowBeginsIsSaidToBeSo() throws {
        let sample = "samples/preexisting-leak"
        let base = ["analyze", "--quiet", "\(sample)/logs", "--deploys", "\(sample)/deploys.csv"]
        let cut = try CulpritBinary.run(base + ["--format", "table", "--since", "2025-05-20T08:30:00Z"])
        #expect(cut.stdout.contains("already under way when the window begins"), "\(cut.stdout)")
        #expect(cut.stdout.contains("already growing when the window begins"), "\(cut.stdout)")
        #expect(!cut.stdout.contains("when the logs begin"))
        let json = try CulpritBinary.run(base + ["--format", "json", "--since", "2025-05-20T08:30:00Z"])
        #expect(json.stdout.contains("already growing when the window begins"), "the JSON summary says it too")
        let whole = try CulpritBinary.run(base + ["--format", "table"])
        #expect(whole.stdout.contains("already growing when the logs begin"), "\(whole.stdout)")
        let before = try CulpritBinary.run(base + ["--format", "table", "--since", "2025-05-20T07:00:00Z"])
        #expect(before.stdout.contains("when the logs begin"), "a window opening before the logs cuts nothing: \(before.stdout)")
        #expect(whole.stdout.contains(" events, 1 change\n"), "\(whole.stdout)")
    }

    @Test func theIncidentsImpactEndsWithItsMainSymptomAndNamesWhatStaysOpen() throws {
        let sample = "samples/2025-03-12-auth-leak"
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "markdown", "--tz", "Africa/Lagos", "\(sample)/logs",
                                            "--deploys", "\(sample)/deploys.csv"])
        #expect(result.stdout.contains("**Impact window:** 2025-03-12 01:50 to 05:30 WAT; still open at the end of the logs: postgres latency spike"),
                "\(result.stdout)")
        #expect(!result.stdout.contains("still ongoing at the end of the logs"))
        #expect(!result.stdout.contains("- •"))
        #expect(result.stdout.contains("are symptoms, not causes"))
    }
}
