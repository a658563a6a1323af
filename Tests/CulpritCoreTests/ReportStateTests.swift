import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract
@testable import CulpritRun

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

    func temporaryDirectory() throws -> String { try makeTemporaryDirectory("state") }

    func heapLines(_ megabytes: ClosedRange<Int>) -> Data {
        Data(megabytes.map { "2025-03-12T02:\(10 + $0):02Z heap=\($0)MB\n" }.joined().utf8)
    }

    func append(_ data: Data, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(data)
        try handle.close()
    }

    /// logrotate's copytruncate: the file copied beside itself, then emptied in place.
    func copyTruncate(_ path: String, to copy: String) throws {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
    }

    @Test func copyInAFolderIsReadOnlyPastTheCheckpointOfTheFileItWasCopiedFrom() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try heapLines(1...30).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        #expect(try run([InputFile(openPath: path, displayPath: "app.log")], state: &state).count == 30)
        try append(heapLines(31...32), to: path)
        try copyTruncate(path, to: path + ".1")
        try append(heapLines(33...33), to: path)
        let folder = [InputFile(openPath: path, displayPath: "app.log"), InputFile(openPath: path + ".1", displayPath: "app.log.1")]
        let events = try run(folder, state: &state)
        #expect(events.map(\.ref.description).sorted() == ["app.log.1:31", "app.log.1:32", "app.log:1"])
        #expect(try run(folder, state: &state).isEmpty)
    }

    @Test func fileGivenByPathFinishesItsRenamedPredecessorFirst() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try heapLines(1...30).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        let file = InputFile(openPath: path, displayPath: dir + "/app.log")
        #expect(try run([file], state: &state).count == 30)
        try append(heapLines(31...32), to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + "-20250312")
        try heapLines(33...33).write(to: URL(fileURLWithPath: path))
        let events = try run([file], state: &state)
        #expect(events.map(\.ref.description) == [dir + "/app.log-20250312:31", dir + "/app.log-20250312:32", dir + "/app.log:1"])
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test func fileGivenByPathFinishesFromItsCopyAfterCopyTruncate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try heapLines(1...30).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        let file = InputFile(openPath: path, displayPath: dir + "/app.log")
        #expect(try run([file], state: &state).count == 30)
        try append(heapLines(31...32), to: path)
        try copyTruncate(path, to: path + ".1")
        try append(heapLines(33...34), to: path)
        let events = try run([file], state: &state)
        #expect(events.map(\.ref.description) == [dir + "/app.log.1:31", dir + "/app.log.1:32", dir + "/app.log:1", dir + "/app.log:2"])
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test(arguments: [false, true])
    func fileGivenByPathReadsEveryFileRotatedOutBetweenTwoRuns(copyTruncate usesCopies: Bool) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try heapLines(1...30).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        let file = InputFile(openPath: path, displayPath: "app.log")
        #expect(try run([file], state: &state).count == 30)
        try append(heapLines(31...32), to: path)
        // Two rotations before the next run: app.log.2 holds the checkpoint's rest, app.log.1 a whole file.
        for (generation, lines) in [(1, 33...36), (2, 37...38)] {
            if generation == 2 { try FileManager.default.moveItem(atPath: path + ".1", toPath: path + ".2") }
            if usesCopies {
                try copyTruncate(path, to: path + ".1")
                try append(heapLines(lines), to: path)
            } else {
                try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
                try heapLines(lines).write(to: URL(fileURLWithPath: path))
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let events = try run([file], state: &state)
        #expect(events.map(\.ref.description) == ["app.log.2:31", "app.log.2:32", "app.log.1:1", "app.log.1:2", "app.log.1:3", "app.log.1:4",
                                                   "app.log:1", "app.log:2"])
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test func linesAddedToARotatedFileAfterTheRunThatFinishedItAreReadNextTime() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try heapLines(1...30).write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        let file = InputFile(openPath: path, displayPath: "app.log")
        #expect(try run([file], state: &state).count == 30)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try heapLines(33...33).write(to: URL(fileURLWithPath: path))
        try append(heapLines(31...31), to: path + ".1")
        #expect(try run([file], state: &state).map(\.ref.description) == ["app.log.1:31", "app.log:1"])
        // The writer had not reopened yet: one more line went to the renamed file.
        try append(heapLines(32...32), to: path + ".1")
        #expect(try run([file], state: &state).map(\.ref.description) == ["app.log.1:32"])
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test func aFileEmptyAtTheLastRunStillHasItsCopyReadAfterCopyTruncate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try Data().write(to: URL(fileURLWithPath: path))
        var state = ReportState()
        let file = InputFile(openPath: path, displayPath: "app.log")
        #expect(try run([file], state: &state).isEmpty)
        // Nothing to fingerprint last time: the copy is known as a file rotated out since.
        Thread.sleep(forTimeInterval: 0.01)
        try append(heapLines(1...3), to: path)
        try copyTruncate(path, to: path + ".1")
        try append(heapLines(4...4), to: path)
        #expect(try run([file], state: &state).map(\.ref.description) == ["app.log.1:1", "app.log.1:2", "app.log.1:3", "app.log:1"])
        #expect(try run([file], state: &state).isEmpty)
    }

    @Test func savingWhereNoFileCanBeWrittenFailsWithOneHumanLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A regular file where the state directory should be: neither mkdir nor the write can succeed.
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/state"))
        let failure = #expect(throws: (any Error).self) { try ReportState().save(directory: dir + "/state") }
        let message = failure.map { "\($0)" } ?? ""
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("Code="), "\(message)")
        #expect(!message.contains("\n"))
        #expect(message.hasPrefix(dir + "/state"), "\(message)")
        #expect(message.contains("--state"), "says what to do next: \(message)")
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
