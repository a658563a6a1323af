import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

/// Builds event streams minute by minute, the way services log, to test the
/// analysis without files.
struct ScenarioBuilder {
    var events: [LogEvent] = []
    var line = 0
    let start = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 1, minute: 0, second: 0) * 1_000_000

    func time(_ minute: Double) -> Int64 { start + Int64(minute * 60_000_000) }

    mutating func add(_ service: String, _ kind: EventKind, minute: Double, value: Double? = nil, status: Int? = nil,
                      version: String? = nil, severity: Severity? = nil, duration: Double? = nil) {
        line += 1
        events.append(LogEvent(time: time(minute), service: service, host: nil, kind: kind, value: value ?? status.map(Double.init),
                               unit: kind == .memory ? .bytes : nil, version: version, patternID: "test",
                               ref: SourceRef(path: "\(service).log", line: line), status: status, duration: duration,
                               severity: severity, excerpt: "\(service) \(kind)"))
    }

    /// Memory every minute from `from` to `to`: flat at `base` MB, growing `slope` MB/min after `growFrom`.
    mutating func memory(_ service: String, from: Int, to: Int, base: Double, growFrom: Int? = nil, slope: Double = 0, resetAt: [Int] = []) {
        var random = SplitMix64(state: UInt64(service.count))
        var origin = growFrom ?? Int.max
        for minute in from...to {
            if resetAt.contains(minute) { origin = minute }
            let grown = minute >= origin ? Double(minute - origin) * slope : 0
            add(service, .memory, minute: Double(minute), value: (base + grown + Double.random(in: -3...3, using: &random)) * 1_048_576)
        }
    }

    mutating func requests(_ service: String, from: Int, to: Int, perMinute: Int, errorShare: (Int) -> Double) {
        for minute in from...to {
            let errors = Int((Double(perMinute) * errorShare(minute)).rounded())
            for index in 0..<perMinute {
                add(service, .http, minute: Double(minute) + Double(index) / Double(perMinute), status: index < errors ? 503 : 200, duration: 0.2)
            }
        }
    }

    func analyze(records: [ChangeMarker] = []) -> Findings {
        var aggregator = EventAggregator()
        aggregator.add(events)
        return Analyzer().analyze(aggregator, records: records)
    }

    func record(_ service: String, _ version: String?, _ kind: ChangeMarker.Kind, minute: Double) -> ChangeMarker {
        ChangeMarker(service: service, version: version, kind: kind, time: time(minute),
                     evidence: [EvidenceLine(ref: SourceRef(path: "deploys.csv", line: 2), time: time(minute), text: "")])
    }
}

@Suite struct AnalysisScenarioTests {
    @Test func leakThatStartsAtADeployNamesThatDeployLikely() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.0")
        scenario.memory("auth", from: 1, to: 240, base: 400, growFrom: 50, slope: 10)
        scenario.add("auth", .start, minute: 50, version: "2.3.1")
        scenario.requests("gateway", from: 0, to: 240, perMinute: 20) { $0 >= 135 ? 0.8 : 0 }
        let findings = scenario.analyze()
        let top = try! #require(findings.suspects.first)
        #expect(top.change.service == "auth")
        #expect(top.change.version == "2.3.1")
        #expect(top.change.kind == .deploy)
        #expect(top.change.previousVersion == "2.3.0")
        #expect(top.verdict == .likely)
        #expect(top.evidence.contains { $0.signal == "memory_growth" })
        #expect(top.evidence.contains { $0.signal == "symptom" && $0.services == ["gateway"] })
        #expect(!findings.suspects.contains { $0.change.service == "gateway" })
    }

    @Test func leakAlreadyPresentWhenLogsBeginMakesNoSuspectLikely() {
        var scenario = ScenarioBuilder()
        scenario.memory("report-worker", from: 0, to: 180, base: 300, growFrom: 0, slope: 6)
        scenario.memory("search", from: 0, to: 180, base: 500)
        let findings = scenario.analyze(records: [scenario.record("search", "7.3.0", .deploy, minute: 90)])
        #expect(findings.suspects.allSatisfy { $0.verdict != .likely })
        #expect(findings.anomalies.contains { $0.service == "report-worker" && $0.kind == .memoryGrowth && $0.preExisting })
    }

    @Test func aLeakThatGoesOnInTheNewProcessAtTheSameRateIsNotTheDeploys() {
        // Growing 3 MB/min from the first line; the deploy restarts the process, which grows as fast again.
        var scenario = ScenarioBuilder()
        scenario.add("user-api", .start, minute: 0, version: "7.18.4")
        scenario.memory("user-api", from: 0, to: 7, base: 400, growFrom: 0, slope: 3)
        scenario.add("user-api", .start, minute: 8, version: "7.18.5")
        scenario.memory("user-api", from: 8, to: 70, base: 400, growFrom: 8, slope: 3)
        let findings = scenario.analyze()
        #expect(findings.suspects.allSatisfy { $0.verdict != .likely }, "\(findings.suspects.map { ($0.change.version, $0.verdict, $0.score) })")
        #expect(findings.anomalies.contains { $0.service == "user-api" && $0.kind == .memoryGrowth && $0.preExisting })
    }

    @Test func ofTwoDeploysMinutesApartOnlyTheLeakingOneIsLikely() {
        var scenario = ScenarioBuilder()
        scenario.memory("checkout", from: 0, to: 150, base: 700)
        scenario.memory("search", from: 0, to: 150, base: 500, growFrom: 66, slope: 4)
        let findings = scenario.analyze(records: [scenario.record("checkout", "4.1.0", .deploy, minute: 62),
                                                  scenario.record("search", "7.3.0", .deploy, minute: 66)])
        #expect(findings.suspects.first?.change.service == "search")
        #expect(findings.suspects.first?.verdict == .likely)
        #expect(findings.suspects.first { $0.change.service == "checkout" }?.verdict == .unlikely)
    }

    @Test func restartWithSameVersionIsNotADeploy() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.1")
        scenario.memory("auth", from: 1, to: 60, base: 400)
        scenario.add("auth", .start, minute: 30, version: "2.3.1")
        let changes = scenario.analyze().changes
        #expect(changes.map(\.kind) == [.restart])
    }

    @Test func crashRestartsAfterOOMKillsAreACrashLoopOfTheDeployNotSuspects() {
        var scenario = ScenarioBuilder()
        scenario.add("search", .start, minute: 0, version: "1.4.0")
        scenario.memory("search", from: 1, to: 59, base: 300)
        scenario.add("search", .start, minute: 60, version: "1.5.0")
        // Every process of 1.5.0 is killed at its limit and started again by the supervisor.
        for kill in stride(from: 63.0, through: 99.0, by: 4.0) {
            scenario.add("search", .oom, minute: kill)
            scenario.add("search", .start, minute: kill + 0.5, version: "1.5.0")
        }
        let findings = scenario.analyze()
        #expect(findings.changes.map(\.kind) == [.deploy])
        #expect(findings.anomalies.contains { $0.service == "search" && $0.kind == .restartLoop })
        #expect(findings.suspects.first?.change.version == "1.5.0")
        #expect(findings.suspects.first?.verdict != .unlikely)
        #expect(findings.suspects.count == 1)
    }

    @Test func operatorRestartWithNoDeathBeforeItStaysAChange() {
        var scenario = ScenarioBuilder()
        scenario.add("search", .start, minute: 0, version: "1.4.0")
        scenario.memory("search", from: 1, to: 60, base: 300)
        scenario.add("search", .oom, minute: 10)
        scenario.add("search", .start, minute: 10.5, version: "1.4.0")
        // Killed and not restarted by itself: the operator starts it minutes later.
        scenario.add("search", .oom, minute: 30)
        scenario.add("search", .start, minute: 37.5, version: "1.4.0")
        let changes = scenario.analyze().changes
        #expect(changes.map(\.kind) == [.restart])
        #expect(changes.first?.time == scenario.time(37.5))
    }

    @Test func errorSpikeBeginsAtTheJumpNotAtABaselineErrorBeforeIt() {
        var scenario = ScenarioBuilder()
        scenario.memory("payments", from: 0, to: 120, base: 300)
        // Ordinary failures now and then, one of them three minutes before the jump.
        scenario.requests("payments", from: 0, to: 120, perMinute: 30) { $0 >= 62 ? 0.3 : ($0 % 17 == 0 || $0 == 59 ? 0.04 : 0) }
        let spike = scenario.analyze().anomalies.first { $0.kind == .errorSpike }
        #expect(spike.map { $0.start >= scenario.time(62) } == true)
    }

    @Test func leakAlreadyUnderWayInTheOldPodIsNotTheDeploysThatStartedANewOne() {
        var scenario = ScenarioBuilder()
        scenario.add("profile", .start, minute: 0, version: "7.1.9")
        scenario.memory("profile", from: 1, to: 60, base: 300, growFrom: 1, slope: 3)
        // The rollout's new pod logs to its own file and grows just as the old one did.
        var pod = ScenarioBuilder()
        pod.memory("profile", from: 61, to: 140, base: 300, growFrom: 61, slope: 3.2)
        for event in pod.events {
            var event = event
            event.ref = SourceRef(path: "profile-new.log", line: event.ref.line)
            scenario.events.append(event)
        }
        let findings = scenario.analyze(records: [scenario.record("profile", "7.1.10", .deploy, minute: 60)])
        #expect(findings.anomalies.first { $0.kind == .memoryGrowth }?.preExisting == true)
        #expect(findings.suspects.first?.verdict == .unlikely)
    }

    @Test func aSpikesDependencyIsReadFromItsOwnMinutes() {
        var activity = ServiceActivity(name: "billing-api")
        let base = CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 1, minute: 0, second: 0) * 1_000_000
        func error(_ minute: Int64, dependency: String?) -> LogEvent {
            LogEvent(time: base + minute * 60_000_000, service: "billing-api", host: nil, kind: .error, value: nil, unit: nil, version: nil,
                     patternID: "test", ref: SourceRef(path: "b.log", line: Int(minute)), excerpt: "e", dependency: dependency)
        }
        // An hour of the service's own errors, then ten minutes of errors about redis.
        for minute in Int64(0)..<60 { activity.add(error(minute, dependency: nil), instance: "a") }
        for minute in Int64(60)..<70 { activity.add(error(minute, dependency: "redis"), instance: "a") }
        #expect(activity.dominantDependency == nil)
        let spike = activity.dominantDependency(fromMinute: base / 60_000_000 + 60, toMinute: base / 60_000_000 + 70)
        #expect(spike?.name == "redis")
        #expect(spike?.share == 1)
    }

    @Test func returnToAnEarlierVersionIsARollback() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.0")
        scenario.add("auth", .start, minute: 50, version: "2.3.1")
        scenario.add("auth", .start, minute: 240, version: "2.3.0")
        let changes = scenario.analyze().changes
        #expect(changes.map(\.kind) == [.deploy, .rollback])
        #expect(changes.last?.version == "2.3.0")
    }

    @Test func recordAndStartLineOfOneDeployMergeIntoOneSuspect() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.0")
        scenario.add("auth", .start, minute: 50.1, version: "2.3.1")
        let findings = scenario.analyze(records: [scenario.record("auth", "2.3.1", .deploy, minute: 50)])
        #expect(findings.changes.count == 1)
        #expect(findings.changes.first?.evidence.count == 2)
        #expect(findings.changes.first?.time == scenario.time(50))
    }

    @Test func errorRegressionWithoutMemoryChangeNamesTheDeploy() {
        var scenario = ScenarioBuilder()
        scenario.memory("payments", from: 0, to: 120, base: 300)
        scenario.requests("payments", from: 0, to: 120, perMinute: 30) { $0 >= 62 ? 0.3 : ($0 % 17 == 0 ? 0.04 : 0) }
        let findings = scenario.analyze(records: [scenario.record("payments", "3.8.0", .deploy, minute: 61)])
        #expect(findings.suspects.first?.change.service == "payments")
        #expect(findings.suspects.first?.verdict == .likely)
        #expect(findings.anomalies.contains { $0.kind == .errorSpike })
        #expect(!findings.anomalies.contains { $0.kind == .memoryGrowth })
    }

    @Test func databaseChangeAfterItsOwnSlowdownIsNotBlamed() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.0")
        scenario.memory("auth", from: 1, to: 240, base: 400, growFrom: 50, slope: 10)
        scenario.add("auth", .start, minute: 50, version: "2.3.1")
        for minute in 0...240 {
            let slow = minute >= 140
            for index in 0..<4 { scenario.add("postgres", .latency, minute: Double(minute) + Double(index) / 4, value: slow ? 3.5 : 0.02) }
        }
        let findings = scenario.analyze(records: [scenario.record("postgres", nil, .config, minute: 160)])
        #expect(findings.suspects.first?.change.service == "auth")
        let database = findings.suspects.first { $0.change.service == "postgres" }
        #expect(database?.verdict == .unlikely)
        #expect(database?.evidence.contains { $0.signal == "preexisting" } == true)
    }

    @Test func rollbackThatEndsTheLeakConfirmsTheDeploy() {
        var scenario = ScenarioBuilder()
        scenario.add("auth", .start, minute: 0, version: "2.3.0")
        scenario.memory("auth", from: 1, to: 120, base: 400, growFrom: 20, slope: 10)
        scenario.add("auth", .start, minute: 20, version: "2.3.1")
        scenario.add("auth", .start, minute: 121, version: "2.3.0")
        scenario.memory("auth", from: 122, to: 200, base: 400)
        let top = try! #require(scenario.analyze().suspects.first)
        #expect(top.change.version == "2.3.1")
        #expect(top.evidence.contains { $0.signal == "rollback_recovery" })
    }
}
