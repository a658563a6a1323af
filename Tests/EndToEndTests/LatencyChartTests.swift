import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// A service that became slow gets a latency chart: the mean per minute and,
/// thin and dashed, the slowest, in seconds.
@Suite struct LatencyChartTests {
    static var findings: Findings {
        var findings = LeakScenario.findings
        let latency = (0..<285).compactMap { offset -> (minute: Int64, mean: Double, slowest: Double)? in
            if (160..<164).contains(offset) { return nil }
            let mean = (140..<265).contains(offset) ? 6 + Double(offset % 5) : 0.003
            return (LeakScenario.minute(offset), mean, mean * 2)
        }
        for index in findings.services.indices {
            findings.services[index].latency = findings.services[index].service == "postgres" ? latency
                : findings.services[index].service == "auth-service" ? [(LeakScenario.minute(10), 0.02, 0.05)] : []
        }
        return findings
    }

    @Test func aSlowedServiceHasALatencyChartWithMeanAndSlowest() throws {
        let html = FindingsHTML.render(Self.findings)
        let postgres = try #require(html.section(id: "svc-postgres"))
        #expect(postgres.contains("aria-label=\"postgres latency over time\""))
        #expect(postgres.contains("Latency per minute: mean and slowest"))
        #expect(ChartGapTests.lines(postgres, class: "lat").count == 1)
        let slowest = try #require(ChartGapTests.lines(postgres, class: "upper lat").first)
        #expect(slowest.filter { $0 == "M" }.count == 2, "the minutes across the restart are a gap")
        #expect(postgres.contains(">20 s</text>"), "the axis reaches the slowest, 16 s, in seconds")
        #expect(html.section(id: "svc-auth-service")?.contains("latency over time") == false,
                "a service that did not slow down and has other charts gets none")
    }

    @Test func aServiceWithOnlyLatencyIsStillCharted() throws {
        let minute = LeakScenario.minute(0)
        let series = ServiceSeries(service: "search", memory: [], memoryLimit: nil, errors: [], ooms: [],
                                   latency: (0..<30).map { (minute + Int64($0), 0.2, 0.9) })
        let findings = Findings(window: (minute * 60_000_000, (minute + 30) * 60_000_000), suspects: [], anomalies: [], changes: [],
                                timeline: [], services: [series], eventCount: 30)
        let html = FindingsHTML.render(findings)
        #expect(html.section(id: "svc-search")?.contains("search latency over time") == true)
        #expect(html.contains(">800 ms</text>") || html.contains(">1000 ms</text>"), "under a second, the axis is in ms")
    }

    @Test func theAnalysisCarriesLatencyPerMinute() throws {
        var activity = ServiceActivity(name: "db")
        var stats = MinuteStats()
        stats.latencyCount = 4
        stats.latencySum = 2
        stats.latencyMax = 1.5
        activity.minutes[1_000] = stats
        activity.minutes[1_001] = MinuteStats()
        let series = Analyzer.series(activity)
        #expect(series.latency.count == 1)
        #expect(series.latency.first?.minute == 1_000 && series.latency.first?.mean == 0.5 && series.latency.first?.slowest == 1.5)
    }
}
