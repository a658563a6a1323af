import Foundation
import Testing
@testable import CulpritIngest
@testable import CulpritRun

@Suite struct CheckpointFileTests {
    func temporaryDirectory() throws -> String { try makeTemporaryDirectory("checkpoints") }

    let checkpoint = FileCheckpoint(
        path: "/var/log/odd dir/app\\x\n.log",
        identity: FileIdentity(inode: FileIdentity.Inode(device: 2049, number: 1_234_567), fingerprint: 0xCBF2_9CE4_8422_2325, fingerprintLength: 1024),
        size: 52_341, isGzip: false, resume: ResumePoint(offset: 52_341, lines: 812, lastTime: 1_741_741_200_000_000))

    @Test func checkpointsSurviveTheRoundTripWhateverThePath() throws {
        let gzip = FileCheckpoint(path: "app.log.2.gz", identity: checkpoint.identity, size: 9, isGzip: true,
                                  resume: ResumePoint(offset: 70, lines: 3, lastTime: nil))
        let text = CheckpointFile.encode([checkpoint, gzip], generation: "9f86d081", runStarted: 1_741_741_200_000_000_000)
        #expect(text.split(separator: "\n").count == 3)
        let decoded = try CheckpointFile.decode(text)
        #expect(decoded.checkpoints == [checkpoint, gzip])
        #expect(decoded.generation == "9f86d081")
        #expect(decoded.runStarted == 1_741_741_200_000_000_000)
    }

    @Test func aDamagedLineIsReportedWithItsNumber() {
        let text = CheckpointFile.encode([checkpoint], generation: "1", runStarted: 0) + "2049 99 zz 1024 1 plain 1 1 - app.log\n"
        #expect(throws: CheckpointFile.FormatError.self) { try CheckpointFile.decode(text) }
        do { _ = try CheckpointFile.decode(text) } catch { #expect(error.line == 3) }
        let negative = CheckpointFile.encode([checkpoint], generation: "1", runStarted: 0).replacingOccurrences(of: " 812 ", with: " -812 ")
        #expect(throws: CheckpointFile.FormatError.self) { try CheckpointFile.decode(negative) }
        let huge = CheckpointFile.encode([checkpoint], generation: "1", runStarted: 0).replacingOccurrences(of: " 52341 plain", with: " 99999999999999999999 plain")
        #expect(throws: CheckpointFile.FormatError.self) { try CheckpointFile.decode(huge) }
    }

    @Test func corruptForeignOrHalfWrittenCheckpointsGiveOneWarningAndAFullRescan() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var saved = ReportState()
        saved.files = [checkpoint]
        try saved.save(directory: dir)
        #expect(ReportState.load(directory: dir).state.files == [checkpoint])
        let path = dir + "/" + CheckpointFile.fileName
        let good = try String(contentsOfFile: path, encoding: .utf8)
        let damaged = [
            "garbage\n",
            good.replacingOccurrences(of: "culprit-checkpoints 1", with: "culprit-checkpoints 7"),
            good.replacingOccurrences(of: "generation=", with: "generation=0"),
            good + "2049 1\n",
        ]
        for text in damaged {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let (state, warning) = ReportState.load(directory: dir)
            #expect(state.files.isEmpty && state.aggregator.eventCount == 0)
            #expect(warning?.hasPrefix(path) == true && warning?.hasSuffix("reading everything again") == true, "\(warning ?? "no warning")")
        }
        try FileManager.default.removeItem(atPath: path)
        #expect(ReportState.load(directory: dir).warning != nil)
    }

    @Test func aStateOfTheFirstVersionIsReadAgainFromScratchWithAWarning() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(#"{"format":"culprit-report-state","version":1,"files":[],"aggregator":{"eventCount":0,"services":{},"untimedEvents":0}}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/state.json"))
        let (state, warning) = ReportState.load(directory: dir)
        #expect(state.files.isEmpty)
        #expect(warning == dir + "/state.json: not a culprit 2 state file; reading everything again")
    }
}
