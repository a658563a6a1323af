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
