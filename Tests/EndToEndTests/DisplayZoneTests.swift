import Foundation
import Testing

/// Times for people are in their zone (`--display-tz`, else `--tz`, else `TZ`,
/// else UTC), written one way and labelled; JSON stays RFC 3339 UTC.
@Suite struct DisplayZoneTests {
    let sample = "samples/2025-03-12-auth-leak"
    var incident: [String] { ["analyze", "\(sample)/logs", "--deploys", "\(sample)/deploys.csv", "--quiet"] }

    /// The suspects' rows of a table: the lines after the header row.
    func deployRow(_ table: String, service: String = "auth-service", change: String = "deploy") -> String? {
        table.split(separator: "\n").map(String.init).first { $0.contains(service) && $0.contains(" \(change) ") && $0.contains("likely") }
    }

    @Test func theTableShowsTheDeployInLagosTime() throws {
        let result = try CulpritBinary.run(incident + ["--tz", "Africa/Lagos", "--format", "table"], environment: ["TZ": ""])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(deployRow(result.stdout), "\(result.stdout)")
        #expect(row.hasSuffix("2025-03-12 01:50 WAT"), "\(row)")
        #expect(result.stdout.contains("(deploy at 2025-03-12 01:50 WAT) is the likely culprit"), "\(result.stdout)")
        #expect(result.stdout.contains("deploy of auth-service 2.3.1 at 01:50 WAT by ci-bot"), "the evidence's clock time too")
        #expect(!result.stdout.contains(" UTC"), "no UTC time left in a Lagos table")
    }

    @Test func theMarkdownShowsTheDeployInLagosTime() throws {
        let result = try CulpritBinary.run(incident + ["--tz", "Africa/Lagos", "--format", "markdown"], environment: ["TZ": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| deploy | 2025-03-12 01:50 WAT |"), "\(result.stdout)")
        #expect(result.stdout.contains("at 01:50 WAT by ci-bot"))
        #expect(!result.stdout.contains("00:50Z"))
    }

    @Test func jsonStaysUTCWhateverTheDisplayZone() throws {
        let result = try CulpritBinary.run(incident + ["--tz", "Africa/Lagos", "--display-tz", "Asia/Tokyo", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let top = try #require((document["suspects"] as? [[String: Any]])?.first)
        #expect(top["at"] as? String == "2025-03-12T00:50:00Z")
    }

    @Test func displayZoneOverridesTzAndTZFillsInWhenNeitherIsGiven() throws {
        let dubai = try CulpritBinary.run(incident + ["--tz", "Africa/Lagos", "--display-tz", "Asia/Dubai", "--format", "table"])
        #expect(deployRow(dubai.stdout)?.hasSuffix("2025-03-12 04:50 +04:00") == true, "a zone without an abbreviation shows its offset: \(dubai.stdout)")
        let fromEnvironment = try CulpritBinary.run(incident + ["--format", "table"], environment: ["TZ": "Africa/Lagos"])
        #expect(deployRow(fromEnvironment.stdout)?.hasSuffix("01:50 WAT") == true, "\(fromEnvironment.stdout)")
        let plain = try CulpritBinary.run(incident + ["--format", "table"], environment: ["TZ": ""])
        #expect(deployRow(plain.stdout)?.hasSuffix("2025-03-12 00:50 UTC") == true, "\(plain.stdout)")
    }

    @Test func anUnknownDisplayZoneIsAUsageError() throws {
        let result = try CulpritBinary.run(incident + ["--display-tz", "Mars/Olympus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown time zone 'Mars/Olympus' for --display-tz"), "\(result.stderr)")
    }

    @Test func watchAlertLinesAreInTheReadersZoneAndItsNDJSONInUTC() throws {
        let arguments = ["watch", "--replay", "--quiet", "--tz", "Africa/Lagos", "--deploys", "\(sample)/deploys.csv", "\(sample)/logs"]
        let human = try CulpritBinary.run(arguments)
        #expect(human.status == 0, "\(human.stderr)")
        let culprit = try #require(human.stdout.split(separator: "\n").first { $0.contains(" CULPRIT ") }, "\(human.stdout)")
        #expect(culprit.hasPrefix("2025-03-12 ") && culprit.contains(" WAT CULPRIT auth-service: likely culprit: "), "\(culprit)")
        #expect(culprit.contains("at 2025-03-12 01:50 WAT, score"), "\(culprit)")
        let machine = try CulpritBinary.run(arguments + ["--format", "ndjson"])
        let first = try #require(machine.stdout.split(separator: "\n").first { $0.contains("\"kind\":\"culprit\"") })
        #expect(first.contains("at 2025-03-12T00:50:00Z, score"), "\(first)")
    }
}

/// The HTML report: the verdict, the tables, the chart axes and the footer all in the reader's zone.
@Suite struct DisplayZoneHTMLTests {
    @Test func noUTCIsLeftInALagosReport() throws {
        let sample = "samples/2025-03-12-auth-leak"
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "html", "--tz", "Africa/Lagos", "\(sample)/logs", "--deploys", "\(sample)/deploys.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(deploy at 2025-03-12 01:50 WAT) is the likely culprit"))
        #expect(result.stdout.contains("Times are in Africa/Lagos (WAT)."))
        #expect(result.stdout.contains("<text class=\"zone\""), "the axes name their zone")
        #expect(!result.stdout.contains("UTC"), "every time is on the reader's clock")
    }
}
