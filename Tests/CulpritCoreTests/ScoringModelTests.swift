import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

@Suite struct ScoringModelTests {
    @Test func verdictsFollowTheModelsThresholds() {
        var ranking = ScoringModel.Ranking()
        #expect(Suspect.Verdict(score: 0.65, ranking: ranking) == .possible)
        ranking.likelyThreshold = 0.6
        #expect(Suspect.Verdict(score: 0.65, ranking: ranking) == .likely)
        ranking.possibleThreshold = 0.7
        ranking.likelyThreshold = 0.8
        #expect(Suspect.Verdict(score: 0.65, ranking: ranking) == .unlikely)
    }

    @Test func changeRecordsMergeWithinTheModelsWindow() {
        let line = EvidenceLine(ref: SourceRef(path: "deploys.csv", line: 2), time: 0, text: "")
        let record = ChangeMarker(service: "auth", version: "2.3.1", kind: .deploy, time: 0, evidence: [line])
        var later = record
        later.time = 5 * 60_000_000
        #expect(ChangeInference().compatible(record, later))
        var windows = ScoringModel.Changes()
        windows.mergeWindow = 60_000_000
        #expect(!ChangeInference(windows: windows).compatible(record, later))
    }
}
