import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// The impact is ongoing at the end of the logs only when its main symptom is.
@Suite struct ImpactWindowTests {
    static let minute: Int64 = 60_000_000
    let ref = SourceRef(path: "logs/auth/app.log", line: 10)
    let latencyRef = SourceRef(path: "logs/db/db.log", line: 20)

    func findings(leakEnd: Int64?, latencyEnd: Int64?) -> Findings {
        let leakLine = EvidenceLine(ref: ref, time: 10 * Self.minute, text: "heap rss=402MB")
        let latencyLine = EvidenceLine(ref: latencyRef, time: 40 * Self.minute, text: "duration: 1800 ms")
        let leak = Anomaly(service: "auth", kind: .memoryGrowth, start: 10 * Self.minute, end: leakEnd,
                           summary: "memory grew 10 MB/min", evidence: [leakLine], magnitude: 10)
        let latency = Anomaly(service: "db", kind: .latencySpike, start: 40 * Self.minute, end: latencyEnd,
                              summary: "latency rose from 1.6 s to 1.8 s", evidence: [latencyLine], magnitude: 1.1)
        let deploy = ChangeMarker(service: "auth", version: "2.3.1", kind: .deploy, time: 9 * Self.minute, evidence: [])
        let suspect = Suspect(change: deploy, score: 0.95, verdict: .likely, evidence: [
            .init(signal: "change", summary: "deploy of auth 2.3.1", lines: [], weight: 0),
            .init(signal: "memory_growth", summary: "memory grew 10 MB/min; began 1 min after the deploy", lines: [leakLine], weight: 3.5),
        ])
        return Findings(window: (0, 100 * Self.minute), suspects: [suspect], anomalies: [leak, latency], changes: [deploy],
                        timeline: [], services: [], eventCount: 100)
    }

    @Test func aSmallShiftStillOpenDoesNotMakeTheImpactOngoing() throws {
        let impact = try #require(ImpactWindow(findings(leakEnd: 70 * Self.minute, latencyEnd: nil)))
        #expect(impact.mainSymptom.kind == .memoryGrowth)
        #expect(impact.start == 10 * Self.minute)
        #expect(impact.end == 70 * Self.minute)
        #expect(impact.stillOpen.map(ImpactWindow.name) == ["db latency spike"])
    }

    @Test func theImpactIsOngoingWhenTheMainSymptomIs() throws {
        let impact = try #require(ImpactWindow(findings(leakEnd: nil, latencyEnd: 60 * Self.minute)))
        #expect(impact.end == nil)
        let markdown = FindingsMarkdown.render(findings(leakEnd: nil, latencyEnd: 60 * Self.minute))
        #expect(markdown.contains("**Impact window:** 1970-01-01 00:10 UTC to the end of the logs, still ongoing"), "\(markdown)")
    }

    @Test func theMarkdownNamesWhatStaysOpenApart() {
        let markdown = FindingsMarkdown.render(findings(leakEnd: 70 * Self.minute, latencyEnd: nil))
        #expect(markdown.contains("**Impact window:** 1970-01-01 00:10 to 01:10 UTC; still open at the end of the logs: db latency spike"), "\(markdown)")
        #expect(!markdown.contains("still ongoing"))
    }

    @Test func aNeutralEvidenceItemIsOneBullet() {
        let markdown = FindingsMarkdown.render(findings(leakEnd: 70 * Self.minute, latencyEnd: nil))
        #expect(markdown.contains("\n- deploy of auth 2.3.1\n"), "\(markdown)")
        #expect(!markdown.contains("- •"))
    }

    @Test func oneChangeIsOneChange() {
        let one = findings(leakEnd: 70 * Self.minute, latencyEnd: nil)
        #expect(FindingsMarkdown.render(one).contains("100 events, 1 change."))
        #expect(FindingsTable(color: false).render(one).contains("100 events, 1 change\n"))
        #expect(FindingsHTML.render(one).contains("<b>1</b> change</span>"))
    }

    @Test func linesCutAtTheStartAreSaidToBeTheWindows() {
        var cut = findings(leakEnd: 70 * Self.minute, latencyEnd: nil)
        cut.anomalies[0].summary = "memory grew 3.1 MB/min, already growing when the logs begin"
        cut.anomalies[0].preExisting = true
        cut.sayWindowBegins()
        #expect(cut.anomalies[0].summary == "memory grew 3.1 MB/min, already growing when the window begins")
        #expect(cut.startPhrase == "when the window begins")
        #expect(findings(leakEnd: nil, latencyEnd: nil).startPhrase == "when the logs begin")
    }
}
