import Foundation
import Testing
@testable import CulpritIngest
@testable import CulpritExtract

/// Followers made from checkpoints (`watch --sink … --state`): they go on at
/// the checkpoint's offset in the same file, in the file rotation moved it
/// to, or from the start when the file is gone, and never hand a line twice.
@Suite struct FollowResumeTests {
    func directory() throws -> String { try makeTemporaryDirectory("resume") }

    /// A checkpoint where `follower` stands, with `lines` lines before it.
    func checkpoint(_ follower: FileFollower, lines: Int) throws -> FileCheckpoint {
        let position = try #require(follower.position)
        return FileCheckpoint(path: follower.path, identity: position.identity, size: position.offset, isGzip: false,
                              resume: ResumePoint(offset: position.offset, lines: lines, lastTime: nil))
    }

    @Test func aFollowerGoesOnAtTheCheckpointsOffset() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        writer.write(5)
        writer.writePartial("a half")
        var first = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        #expect(lines(from: first.poll()) == (1...5).map { "line \($0)" })
        let saved = try checkpoint(first, lines: 5)
        first.close()
        #expect(saved.resume.offset == Int64((1...5).map { "line \($0)\n".utf8.count }.reduce(0, +)), "a partial line is not past the checkpoint")
        writer.writePartial(" line\n")
        writer.write(2)
        var second = FileFollower(path: path, displayPath: "app.log", resumingAt: saved)
        #expect(second.resumed == .atOffset)
        #expect(lines(from: second.poll()) == ["a half line", "line 6", "line 7"])
        writer.close()
    }

    @Test func aFileRotatedWhileNobodyFollowedIsFinishedWhereItWasMovedThenTheNewOneRead() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        writer.write(4)
        var first = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        _ = first.poll()
        let saved = try checkpoint(first, lines: 4)
        first.close()
        writer.write(3)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try writer.reopen()
        writer.write(2)
        var second = FileFollower(path: path, displayPath: "app.log", resumingAt: saved)
        #expect(second.resumed == .inRotatedFile(path + ".1"))
        var seen = [String]()
        var restarts = 0
        let deadline = Date().addingTimeInterval(5)
        while seen.count < 5, Date() < deadline {
            let changes = second.poll()
            restarts += changes.filter { if case .restarted = $0 { true } else { false } }.count
            seen += lines(from: changes)
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(seen == (5...9).map { "line \($0)" })
        #expect(restarts == 1, "numbering starts again at the new file only")
        writer.close()
    }

    @Test func aCheckpointWhoseFileIsGoneReadsThePathFromItsStart() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        try Data("old 1\nold 2\n".utf8).write(to: URL(fileURLWithPath: path))
        var first = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        _ = first.poll()
        let saved = try checkpoint(first, lines: 2)
        first.close()
        try FileManager.default.removeItem(atPath: path)
        try Data("new content that is longer than before\n".utf8).write(to: URL(fileURLWithPath: path))
        var second = FileFollower(path: path, displayPath: "app.log", resumingAt: saved)
        #expect(second.resumed == .fromStart)
        #expect(lines(from: second.poll()) == ["new content that is longer than before"])
    }

    @Test func aFolderFollowerGoesOnInEachFileAndReadsNewFilesWhole() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try LogWriter(path: dir + "/a.log")
        let b = try LogWriter(path: dir + "/b.log")
        a.write(3)
        b.write(2)
        var first = FolderFollower(path: dir, fromEnd: false, scanInterval: .zero)
        _ = first.poll()
        let saved = first.positions.map {
            FileCheckpoint(path: $0.path, identity: $0.identity, size: $0.offset, isGzip: false, resume: ResumePoint(offset: $0.offset, lines: 0, lastTime: nil))
        }
        #expect(saved.count == 2)
        first.close()
        a.write(1)
        // a.log is renamed by rotation while nobody follows: it is the same file under a new name.
        try FileManager.default.moveItem(atPath: dir + "/a.log", toPath: dir + "/a.log.1")
        try Data("fresh 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/c.log"))
        var second = FolderFollower(path: dir, fromEnd: true, resumingAt: saved, scanInterval: .zero)
        var seen = [String]()
        for update in second.poll() {
            guard case .changed(_, _, .lines(let bytes)) = update else { continue }
            seen += String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(seen.sorted() == ["fresh 1", "line 4"], "only what is new since the checkpoints; a new file whole even with --from-end")
        let resumedInode = try #require(FileStatus(path: dir + "/a.log.1")?.inode)
        #expect(second.resumePoint(of: resumedInode)?.offset == saved.first { $0.path.hasSuffix("a.log") }?.resume.offset)
        a.close()
        b.close()
    }

    @Test func anExtractorResumedNumbersItsLinesOnAndSaysWhereToGoOn() throws {
        let file = InputFile(openPath: "app.log", displayPath: "app.log", modificationTime: 0)
        let resume = ResumePoint(offset: 100, lines: 41, lastTime: 1_741_741_200_000_000)
        var extractor = StreamingExtractor(settings: ExtractionSettings(patterns: try testPatterns()), file: file, yearReference: nil, resumingAt: resume)
        #expect(extractor.resumePoint(atOffset: 100) == resume, "nothing read yet: the checkpoint stands")
        let chunk = Array("2025-03-12T02:00:01Z ERROR upstream timed out\n2025-03-12T02:00:02Z ERROR upstream timed out\n".utf8)
        let events = extractor.events(from: chunk)
        #expect(events.map(\.ref.line) == [42, 43])
        let next = extractor.resumePoint(atOffset: 100 + Int64(chunk.count))
        #expect(next.lines == 43)
        #expect(next.offset == 100 + Int64(chunk.count))
        extractor.restart()
        #expect(extractor.events(from: chunk).map(\.ref.line) == [1, 2], "after a truncation numbering starts again")
    }

    @Test func savedCheckpointsRoundTripAndABrokenFileNamesItsLine() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = FollowCheckpoints(directory: dir + "/state", runStarted: 1)
        #expect(try store.load().isEmpty, "no file yet: nothing to go on from")
        let identity = FileIdentity(inode: FileIdentity.Inode(device: 2049, number: 77), fingerprint: 0xABC, fingerprintLength: 12)
        let saved = [FileCheckpoint(path: "/var/log/a b.log", identity: identity, size: 12, isGzip: false,
                                    resume: ResumePoint(offset: 12, lines: 1, lastTime: nil))]
        try store.save(saved)
        #expect(try store.load() == saved)
        try Data("culprit-checkpoints 1 generation=follow started=1\n2049 77 abc 12 12 plain twelve 1 - /x\n".utf8)
            .write(to: URL(fileURLWithPath: store.path))
        #expect(throws: FollowCheckpoints.ReadError.self) { try store.load() }
        do { _ = try store.load() } catch { #expect(error.description == "\(store.path):2: not a checkpoint line") }
    }
}
