import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

/// Year-less timestamps (RFC 3164 syslog) are placed once per file from its
/// first line, so a file's time runs forward and every mode agrees.
@Suite struct YearInferenceTests {
    private func times(_ lines: [String], modified: String) throws -> [Int64] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-year-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("syslog").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let mtime = try #require(ISO8601DateFormatter().date(from: modified)).timeIntervalSince1970
        let file = InputFile(openPath: path, displayPath: "syslog", modificationTime: Int64(mtime))
        return try extract(files: [file]).events.compactMap(\.time)
    }

    private func year(_ micros: Int64) -> Int { CivilTime.civilFromDays(Int(micros / 86_400_000_000)).year }

    @Test func timeRunsForwardWhenTheFileOutlivesItsModificationTime() throws {
        // A copy made mid-file: the old rule put Jun 16 in 2016, a year before Jun 15.
        let found = try times(["Jun 15 10:00:00 web app[1]: ERROR first", "Jun 16 10:00:00 web app[1]: ERROR second"],
                              modified: "2017-06-15T09:00:00Z")
        #expect(found.count == 2)
        #expect(found == found.sorted(), "\(found)")
        #expect(found.map(year) == [2017, 2017])
    }

    @Test func decemberToJanuaryRolloverMovesForward() throws {
        let found = try times(["Dec 30 23:00:00 web app[1]: ERROR a", "Dec 31 23:59:00 web app[1]: ERROR b",
                               "Jan  1 00:01:00 web app[1]: ERROR c", "Jan  2 08:00:00 web app[1]: ERROR d"],
                              modified: "2026-01-02T09:00:00Z")
        #expect(found.map(year) == [2025, 2025, 2026, 2026], "\(found)")
        #expect(found == found.sorted())
    }

    @Test func slightlyOutOfOrderLinesStayInTheSameYear() throws {
        let found = try times(["Mar  1 00:00:05 web app[1]: ERROR a", "Feb 28 23:59:58 web app[1]: ERROR b", "Mar  1 00:00:09 web app[1]: ERROR c"],
                              modified: "2025-03-01T01:00:00Z")
        #expect(found.map(year) == [2025, 2025, 2025], "\(found)")
    }

    @Test func streamingAndBatchPlaceYearsAlike() throws {
        let text = "Dec 31 23:59:00 web app[1]: ERROR b\nJan  1 00:01:00 web app[1]: ERROR c\n"
        let file = InputFile(openPath: "-", displayPath: "syslog", modificationTime: 1_767_312_000)
        let settings = ExtractionSettings(patterns: try testPatterns())
        var streaming = StreamingExtractor(settings: settings, file: file, yearReference: 1_767_312_000)
        let streamed = streaming.events(from: Array(text.utf8)).compactMap(\.time)
        #expect(streamed.map(year) == [2025, 2026], "\(streamed)")
    }
}
