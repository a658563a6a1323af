import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// Gaps drawn as gaps: a line breaks (a new subpath) across minutes without
/// data and across a death, never drawn straight through them.
@Suite struct ChartGapTests {
    /// The `d` of each `<path class="line CLASS">` in `html`.
    static func lines(_ html: String, class name: String) -> [Substring] {
        html.components(separatedBy: "<path class=\"line \(name)\" d=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    }

    @Test func aSeriesSampledEveryMinuteBreaksAfterTwoMissingMinutes() {
        let samples = (0..<20).map { (minute: Int64($0), value: 1.0) } + (23..<40).map { (minute: Int64($0), value: 1.0) }
        #expect(ChartLine(minutes: samples).points.filter(\.startsSegment).map(\.time) == [0, 23 * 60_000_000])
        let oneMissing = (0..<20).map { (minute: Int64($0), value: 1.0) } + (21..<40).map { (minute: Int64($0), value: 1.0) }
        #expect(ChartLine(minutes: oneMissing).points.filter(\.startsSegment).count == 1, "one missing minute is jitter, not a gap")
    }

    @Test func aSparseSeriesBreaksOnlyPastTwiceItsStep() {
        let everyFive = (0..<12).map { (minute: Int64($0 * 5), value: 1.0) }
        #expect(ChartLine(minutes: everyFive).points.filter(\.startsSegment).count == 1)
        let withHole = everyFive + [(minute: 80, value: 1.0)]
        #expect(ChartLine(minutes: withHole).points.filter(\.startsSegment).map(\.time) == [0, 80 * 60_000_000])
    }

    @Test func aDeathBreaksTheLineWhenAMinuteIsMissingAfterIt() {
        let samples = (0..<10).map { (minute: Int64($0), value: 9.0) } + (11..<20).map { (minute: Int64($0), value: 1.0) }
        let kill = Int64(9 * 60 + 30) * 1_000_000
        #expect(ChartLine(minutes: samples, breaks: [kill]).points.filter(\.startsSegment).map(\.time) == [0, 11 * 60_000_000])
        #expect(ChartLine(minutes: samples).points.filter(\.startsSegment).count == 1, "without the kill, one missing minute joins")
        let continuous = (0..<20).map { (minute: Int64($0), value: 1.0) }
        #expect(ChartLine(minutes: continuous, breaks: [kill]).points.filter(\.startsSegment).count == 1,
                "a restart within the minute leaves no hole to break")
    }

    @Test func memoryBreaksBetweenTheOOMKillAndTheRestart() throws {
        let html = FindingsHTML.render(LeakScenario.findings)
        let auth = try #require(html.section(id: "svc-auth-service"))
        let memory = try #require(Self.lines(auth, class: "mem").first)
        // Minutes 203–209 (after the kill at 03:22) and 218–231 have no sample.
        #expect(memory.filter { $0 == "M" }.count == 3)
        let area = try #require(auth.components(separatedBy: "<path class=\"area mem\" d=\"").dropFirst().first?.prefix { $0 != "\"" })
        #expect(area.filter { $0 == "Z" }.count == 3, "the area under the line has the same gaps")
    }

    @Test func errorCountsAreNotFilledWithZerosWhileTheServiceRestarted() throws {
        let html = FindingsHTML.render(LeakScenario.findings)
        let postgres = try #require(html.section(id: "svc-postgres"))
        // postgres logged nothing in minutes 160–163, across its restart at 02:40.
        #expect(try #require(Self.lines(postgres, class: "err").first).filter { $0 == "M" }.count == 2)
        let filled = ServiceCharts.counts([(0, 1, 0), (4, 1, 0)])
        #expect(filled.map(\.minute) == [0, 1, 2, 3, 4], "a short silence without a restart is zero errors")
        let broken = ServiceCharts.counts([(0, 1, 0), (4, 1, 0)], breaks: [2 * 60_000_000])
        #expect(broken.map(\.minute) == [0, 4])
    }
}
