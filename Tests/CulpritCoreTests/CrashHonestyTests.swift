import Testing
@testable import CulpritModel
@testable import CulpritCorrelate

/// A crash is a process that died, not a line that is critical by its level word.
@Suite struct CrashHonestyTests {
    private func event(_ pattern: String, _ severity: Severity?, dependency: String? = nil) -> LogEvent {
        LogEvent(time: 0, service: "orders", host: nil, kind: .error, value: nil, unit: nil, version: nil, patternID: pattern,
                 ref: SourceRef(path: "x.log", line: 1), status: nil, duration: nil, limit: nil, severity: severity, excerpt: "x",
                 dependency: dependency)
    }

    @Test func deathsAreCrashesAtAnyLevelAndLevelWordsAloneAreNot() {
        #expect(ServiceActivity.reportsDeath(event("error.systemd-unit", .warning)))
        #expect(ServiceActivity.reportsDeath(event("error.crash", nil)))
        #expect(ServiceActivity.reportsDeath(event("error.exception", .critical)))
        #expect(!ServiceActivity.reportsDeath(event("error.level", .critical)))
        #expect(!ServiceActivity.reportsDeath(event("error.postgres-client", .critical)))
        #expect(!ServiceActivity.reportsDeath(event("error.exception", .critical, dependency: "redis")))
        #expect(!ServiceActivity.reportsDeath(event("error.exception", .error)))
    }
}

/// A crash anomaly counts the processes that died, not "fatal errors".
@Suite struct CrashWordingTests {
    private func line(_ second: Int64, _ number: Int) -> EvidenceLine {
        EvidenceLine(ref: SourceRef(path: "x.log", line: number), time: second * 1_000_000, text: "panic: boom")
    }

    @Test func deathsAreCountedOncePerProcess() {
        #expect(EventClusterDetector.deathSummary([line(0, 1)]) == "a process died")
        #expect(EventClusterDetector.deathSummary([line(0, 1), line(60, 2), line(120, 3)]) == "3 processes died")
        // A panic and its supervisor's "exited" a second later are one death.
        #expect(EventClusterDetector.deathSummary([line(0, 1), line(1, 2), line(90, 3)]) == "2 processes died (3 lines)")
        #expect(!EventClusterDetector.deathSummary([line(0, 1), line(1, 2)]).contains("fatal"))
    }
}
