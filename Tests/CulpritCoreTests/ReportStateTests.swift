import Foundation
import Testing
@testable import CulpritCore

@Suite struct ReportStateTests {
    func run(_ files: [InputFile], state: inout ReportState) throws -> [LogEvent] {
        let plan = state.plan(files)
        let settings = ExtractionSettings(patterns: try testPatterns())
        let pipeline = ExtractionPipeline(settings: settings, diagnostics: Diagnostics(quiet: true))
        var events = [LogEvent]()
        pipeline.run(files: plan.read, render: { $0 }) { events += $0 }
        state.record(outcomes: pipeline.outcomes, linesByPath: pipeline.finalStates, inputs: files)
        return events
    }

    @Test func secondRunReadsOnlyAppendedLinesWithTrueLineNumbers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try Data("2025-03-12T02:15:02Z heap=1MB\n2025-03-12T02:16:02Z heap=2MB\n2025-03-12T02:17:02Z heap=3".utf8).write(to: URL(fileURLWithPath: path))
        let file = InputFile(openPath: path, displayPath: "app.log")
        var state = ReportState()
        #expect(try run([file], state: &state).map(\.ref.line) == [1, 2, 3])
        // The unterminated last line is read again, whole, next time.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("0MB\n2025-03-12T02:18:02Z heap=4MB\n".utf8))
        try handle.close()
        let second = try run([file], state: &state)
        #expect(second.map(\.ref.line) == [3, 4])
        #expect(second.first.map { Int($0.value ?? 0) } == 30 * 1_048_576)
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test func rotatedFileIsFollowedByIdentityAndNewFileReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try Data("2025-03-12T02:15:02Z heap=1MB\n".utf8).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        _ = try run([InputFile(openPath: path, displayPath: "app.log")], state: &state)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("2025-03-12T02:16:02Z heap=2MB\n".utf8))
        try handle.close()
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try Data("2025-03-12T02:17:02Z heap=3MB\n".utf8).write(to: URL(fileURLWithPath: path))
        let events = try run([InputFile(openPath: path + ".1", displayPath: "app.log.1"), InputFile(openPath: path, displayPath: "app.log")], state: &state)
        #expect(events.map(\.value) == [2, 3].map { $0 * 1_048_576 })
        #expect(events.map(\.ref.description) == ["app.log.1:2", "app.log:1"])
    }

    @Test func corruptOrForeignStateIsIgnoredWithAWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: dir + "/state.json"))
        let (state, warning) = ReportState.load(directory: dir)
        #expect(state.files.isEmpty)
        #expect(warning?.contains("unreadable state") == true)
        try Data(#"{"format":"something-else","version":1,"files":[],"aggregator":{}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/state.json"))
        #expect(ReportState.load(directory: dir).warning != nil)
        var saved = ReportState()
        saved.aggregator.add(LogEvent(time: 1, service: "a", host: nil, kind: .oom, value: nil, unit: nil, version: nil, patternID: "x",
                                      ref: SourceRef(path: "a.log", line: 1)))
        try saved.save(directory: dir)
        let (loaded, none) = ReportState.load(directory: dir)
        #expect(none == nil)
        #expect(loaded.aggregator.services["a"]?.ooms.count == 1)
    }
}
