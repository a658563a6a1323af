import Foundation
import Testing
@testable import CulpritCorrelate

@Suite struct TimeWindowSpecTests {
    private let utc = TimeZone(identifier: "UTC")!

    @Test func hugeDurationIsRefusedInsteadOfWrapping() {
        #expect(TimeWindowSpec.parseDuration("99999999999h") == nil)
        #expect(TimeWindowSpec.parseDuration("9223372036854775807s") == nil)
        #expect(TimeWindowSpec.parseDuration("99999999999999999999999m") == nil)
        #expect(throws: TimeWindowError.self) { try TimeWindowSpec(since: "99999999999h", until: nil, anchor: .now, zone: utc) }
        do {
            _ = try TimeWindowSpec(since: "99999999999h", until: nil, anchor: .now, zone: utc)
        } catch {
            #expect(error.description.contains("at most 100 years"), "\(error)")
        }
    }

    @Test func ordinaryDurationsStillParse() {
        #expect(TimeWindowSpec.parseDuration("90m") == Int64(90 * 60_000_000))
        #expect(TimeWindowSpec.parseDuration("1h30m") == Int64(90 * 60_000_000))
        #expect(TimeWindowSpec.parseDuration("36500d") == Int64(36_500) * 86_400_000_000)
        #expect(TimeWindowSpec.parseDuration("h") == nil)
        #expect(TimeWindowSpec.parseDuration("10") == nil)
    }

    @Test func sinceLaterThanUntilIsAnError() {
        #expect(throws: TimeWindowError.self) {
            try TimeWindowSpec(since: "2025-03-12T05:00:00Z", until: "2025-03-12T04:00:00Z", anchor: .now, zone: utc)
        }
        #expect(throws: TimeWindowError.self) { try TimeWindowSpec(since: "1h", until: "2h", anchor: .now, zone: utc) }
        #expect(TimeWindowSpec.emptyWindowMessage(since: 10, until: 5) != nil)
        #expect(TimeWindowSpec.emptyWindowMessage(since: 5, until: 10) == nil)
    }

    @Test func resolvingAWindowNeverWraps() throws {
        let spec = try TimeWindowSpec(since: "36500d", until: nil, anchor: .now, zone: utc)
        let bounds = spec.resolve(anchorTime: .min + 5)
        #expect(bounds.since == .min)
    }
}
