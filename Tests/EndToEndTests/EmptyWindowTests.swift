import Foundation
import Testing

/// A `--since`/`--until` window that selects no log line says so, with where the
/// lines were, and never "No anomalies found"; `--fail-on no-data` exits 4 then.
@Suite struct EmptyWindowTests {
    let sample = "samples/2025-03-12-auth-leak"
    var afterTheLogs: [String] {
        ["\(sample)/logs", "--deploys", "\(sample)/deploys.csv", "--tz", "Africa/Lagos",
         "--since", "2025-03-13T00:00:00Z", "--until", "2025-03-13T06:00:00Z"]
    }
    let sentence = "no log lines between 2025-03-13 01:00 and 07:00 WAT; the newest line read is 2025-03-12 05:44 WAT "
        + "(samples/2025-03-12-auth-leak/logs/api-gateway/access.log:2178)"

    @Test func analyzeSaysTheWindowIsEmptyOnStderrAndInTheTable() throws {
        let result = try CulpritBinary.run(["analyze", "--format", "table"] + afterTheLogs)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("culprit: warning: " + sentence + "\n"), "\(result.stderr)")
        #expect(result.stdout.hasPrefix(sentence + "."), "\(result.stdout)")
        #expect(!result.stdout.contains("No anomalies"))
        #expect(!result.stdout.contains("recognised nothing"), "the logs were read; only the window is empty")
    }

    @Test func theReportBodySaysItInMarkdownAndHTML() throws {
        let markdown = try CulpritBinary.run(["report", "--quiet", "--format", "markdown"] + afterTheLogs)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("No log lines between 2025-03-13 01:00 and 07:00 WAT; the newest line read is 2025-03-12 05:44 WAT"), "\(markdown.stdout)")
        #expect(!markdown.stdout.contains("No anomalies"))
        let html = try CulpritBinary.run(["report", "--quiet", "--format", "html"] + afterTheLogs)
        #expect(html.stdout.contains("No log lines between 2025-03-13 01:00 and 07:00 WAT"), "the verdict says it")
        #expect(!html.stdout.contains("No anomalies found"))
    }

    @Test func aWindowBeforeTheLogsAlsoNamesTheOldestLine() throws {
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "table", "\(sample)/logs", "--tz", "Africa/Lagos",
                                            "--until", "2025-03-11T06:00:00Z"])
        #expect(result.stdout.hasPrefix("no log lines before 2025-03-11 07:00 WAT; the newest line read is 2025-03-12 05:44 WAT"), "\(result.stdout)")
        #expect(result.stdout.contains("the oldest 2025-03-12 01:00 WAT (samples/2025-03-12-auth-leak/logs/auth-service/app.log:1)"), "\(result.stdout)")
    }

    @Test func failOnNoDataExitsFourOnlyWhenThereIsNothingToJudge() throws {
        let empty = try CulpritBinary.run(["analyze", "--quiet", "--format", "json", "--fail-on", "no-data"] + afterTheLogs)
        #expect(empty.status == 4, "\(empty.stderr)")
        let both = try CulpritBinary.run(["report", "--quiet", "--format", "json", "--fail-on", "likely", "--fail-on", "no-data"] + afterTheLogs)
        #expect(both.status == 4)
        let withoutIt = try CulpritBinary.run(["analyze", "--quiet", "--format", "json"] + afterTheLogs)
        #expect(withoutIt.status == 0)
        let full = ["analyze", "--quiet", "--format", "json", "\(sample)/logs", "--deploys", "\(sample)/deploys.csv", "--tz", "Africa/Lagos"]
        #expect(try CulpritBinary.run(full + ["--fail-on", "no-data"]).status == 0, "the whole incident is data")
        #expect(try CulpritBinary.run(full + ["--fail-on", "no-data", "--fail-on", "likely"]).status == 1, "and its culprit is likely")
    }

    @Test func failOnNoDataIsInTheHelp() throws {
        let help = try CulpritBinary.run(["analyze", "--help"])
        #expect(help.stdout.contains("no-data"), "\(help.stdout)")
    }
}

/// The JSON document says it too: `no_data` and `empty_window`, with the window and where the lines were.
@Suite struct EmptyWindowJSONTests {
    let sample = "samples/2025-03-12-auth-leak"

    @Test func anEmptyWindowIsAFieldWithTheNewestLine() throws {
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "json", "\(sample)/logs", "--tz", "Africa/Lagos",
                                            "--since", "2025-03-13T00:00:00Z", "--until", "2025-03-13T06:00:00Z"])
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(document["no_data"] as? Bool == true)
        let empty = try #require(document["empty_window"] as? [String: Any], "\(result.stdout.prefix(400))")
        #expect(empty["since"] as? String == "2025-03-13T00:00:00Z")
        #expect(empty["until"] as? String == "2025-03-13T06:00:00Z")
        let newest = try #require(empty["newest_line"] as? [String: Any])
        #expect(newest["time"] as? String == "2025-03-12T04:44:58Z", "\(newest)")
        #expect(newest["ref"] as? String == "samples/2025-03-12-auth-leak/logs/api-gateway/access.log:2178")
        #expect((empty["oldest_line"] as? [String: Any])?["ref"] as? String == "samples/2025-03-12-auth-leak/logs/auth-service/app.log:1")
    }

    @Test func aFullWindowHasNoEmptyWindow() throws {
        let result = try CulpritBinary.run(["analyze", "--quiet", "--format", "json", "\(sample)/logs", "--tz", "Africa/Lagos"])
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(document["no_data"] as? Bool == false)
        #expect(document["empty_window"] is NSNull)
    }
}
