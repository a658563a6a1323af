import Testing
@testable import CulpritModel

@Suite struct AnalyzerChangeRecordTests {
    static let hour: Int64 = 3_600_000_000

    func record(_ version: String, at time: Int64, service: String = "auth-service") -> ChangeMarker {
        ChangeMarker(service: service, version: version, kind: .deploy, time: time,
                     evidence: [EvidenceLine(ref: SourceRef(path: "deploys.csv", line: 2), time: time, text: "")])
    }

    @Test func recordsFarOutsideTheLogsAreNoSuspects() {
        var scenario = ScenarioBuilder()
        scenario.memory("auth-service", from: 0, to: 120, base: 300)
        let start = scenario.time(0), end = scenario.time(120)
        let findings = scenario.analyze(records: [
            record("2.2.0", at: start - 7 * Self.hour), record("2.2.9", at: start - 5 * Self.hour),
            record("2.3.0", at: start + Self.hour / 2), record("2.4.0", at: end + 24 * Self.hour),
        ])
        #expect(Set(findings.suspects.compactMap(\.change.version)) == ["2.2.9", "2.3.0"])
    }

    @Test(.timeLimit(.minutes(1)))
    func aYearsLongHistoryCostsOnlyThePartTheLogsCover() {
        var scenario = ScenarioBuilder()
        scenario.memory("auth-service", from: 0, to: 120, base: 300)
        let start = scenario.time(0)
        // 200,000 deploys of 200 services, one every 5 minutes for the two years before the logs end.
        let records = (0..<200_000).map { index in
            record("1.\(index).0", at: start + 2 * Self.hour - Int64(200_000 - index) * 300_000_000, service: "svc-\(index % 200)")
        }
        let findings = scenario.analyze(records: records)
        #expect(findings.changes.count < 200)
    }
}
