import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

/// A client's errors that report a dependency failing belong to the dependency:
/// the client's innocent deploy minutes before is not the culprit, while a
/// deploy that breaks requests at once still is.
@Suite struct DependencyRankingTests {
    private let minute: Int64 = 60_000_000
    private let deploy = ChangeMarker(service: "checkout", version: "2.4.0", kind: .deploy, time: 0, evidence: [])

    private func spike(after lag: Int64, share: Double?) -> Anomaly {
        var anomaly = Anomaly(service: "checkout", kind: .errorSpike, start: lag, end: nil,
                              summary: "errors rose from 0.2/min to 30/min", evidence: [], magnitude: 150)
        if let share {
            anomaly.dependency = "redis"
            anomaly.dependencyShare = share
        }
        return anomaly
    }

    private func top(_ anomalies: [Anomaly]) throws -> Suspect {
        try #require(SuspectRanking().rank(changes: [deploy], anomalies: anomalies, servicesWithTelemetry: ["checkout"], logStart: -60 * minute).first)
    }

    @Test func errorsAboutRedisMinutesAfterTheDeployAreRedisesNotTheDeploys() throws {
        let suspect = try top([spike(after: 11 * minute, share: 0.95)])
        #expect(suspect.verdict == .unlikely, "\(suspect.score)")
        #expect(suspect.evidence.contains { $0.signal == "dependency" && $0.summary.contains("95% of checkout's errors report redis failing") })
    }

    @Test func errorsAboutRedisAfterRedisOwnTroubleAreRedisesEvenAtOnce() throws {
        let redis = Anomaly(service: "redis", kind: .memoryGrowth, start: -20 * minute, end: nil,
                            summary: "memory grew 30 MB/min", evidence: [], magnitude: 30e6)
        let suspect = try top([spike(after: minute, share: 0.9), redis])
        #expect(suspect.verdict != .likely, "\(suspect.score)")
        #expect(suspect.evidence.contains { $0.signal == "dependency" && $0.summary.contains("redis's own trouble began") })
    }

    @Test func errorsAboutRedisThatAnotherClientReportsTooAreRedisesEvenAtOnce() throws {
        var peer = Anomaly(service: "ledger", kind: .errorSpike, start: minute - 20_000_000, end: nil,
                           summary: "errors rose from 0.1/min to 12/min", evidence: [], magnitude: 120)
        peer.dependency = "redis"
        peer.dependencyShare = 0.97
        let suspect = try top([spike(after: minute, share: 0.95), peer])
        #expect(suspect.verdict != .likely, "\(suspect.score)")
        #expect(suspect.evidence.contains { $0.signal == "dependency" && $0.summary.contains("ledger's errors report it failing too") })
    }

    @Test func aDeployThatBreaksRequestsAtOnceIsStillLikely() throws {
        // Its own errors (no dependency named), or a broken connection right after the deploy.
        #expect(try top([spike(after: minute, share: nil)]).verdict == .likely)
        #expect(try top([spike(after: minute, share: 0.95)]).verdict == .likely)
    }

    @Test func requestErrorsLongAfterADeployWeighLess() throws {
        let prompt = try top([spike(after: minute, share: nil)])
        let late = try top([spike(after: 25 * minute, share: nil)])
        #expect(late.score < prompt.score)
        #expect(late.verdict != .likely, "\(late.score)")
    }
}
