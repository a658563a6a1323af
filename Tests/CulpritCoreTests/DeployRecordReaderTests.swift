import Foundation
import Testing
@testable import CulpritCore

@Suite struct DeployRecordReaderTests {
    func read(_ text: String, zone: String = "UTC") throws -> [ChangeMarker] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("deploys-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try DeployRecordReader(zone: TimeZone(identifier: zone)!).read(path: path)
    }

    @Test func csvWithOptionalColumnsAndQuotes() throws {
        let markers = try read("time,service,version,kind,sha,actor\n2025-03-12T01:50:00+01:00,auth-service,2.3.1,deploy,abc123,\"ci, bot\"\n2025-03-12T05:00:00+01:00,auth-service,2.3.0,rollback,,\n")
        #expect(markers.count == 2)
        #expect(markers[0].time == CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 0, minute: 50, second: 0) * 1_000_000)
        #expect(markers[0].actor == "ci, bot")
        #expect(markers[1].kind == .rollback)
        #expect(markers[1].evidence.first?.ref.line == 3)
    }

    @Test func jsonLinesWithTheSameKeys() throws {
        let markers = try read(#"{"time":"2025-06-03T10:02:00Z","service":"checkout","version":"4.1.0"}"# + "\n")
        #expect(markers.first?.service == "checkout")
        #expect(markers.first?.kind == .deploy)
    }

    @Test func badRowsNameFileAndLine() throws {
        #expect(throws: DeployRecordReader.RecordError.self) { try read("time,service,version\nyesterday,auth,1\n") }
        do {
            _ = try read("time,service,version,kind\n2025-03-12T01:50:00Z,auth,1,upgrade\n")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasSuffix(":2: unknown kind 'upgrade' (deploy, rollback, restart or config)"))
        }
    }
}
