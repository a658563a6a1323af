import Foundation
import Testing
@testable import CulpritIngest

/// Appends to a file through its own descriptor, as a logging process does:
/// after a rename it keeps writing to the renamed file until it reopens.
final class LogWriter {
    private var handle: FileHandle
    let path: String
    private(set) var next = 1

    init(path: String) throws {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
    }

    func write(_ count: Int) {
        for _ in 0..<count {
            handle.write(Data("line \(next)\n".utf8))
            next += 1
        }
    }

    func writePartial(_ text: String) { handle.write(Data(text.utf8)) }

    func reopen() throws {
        try handle.close()
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Goes on at the end of the file, as an O_APPEND writer does after its file was truncated.
    func appendAtEnd() { handle.seekToEndOfFile() }

    func close() { try? handle.close() }
}

func lines(from changes: [FileFollower.Change]) -> [String] {
    changes.flatMap { change -> [String] in
        guard case .lines(let bytes) = change else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

@Suite struct FileFollowerTests {
    func directory() throws -> String { try makeTemporaryDirectory("follow") }

    @Test func partialLastLineWaitsForItsNewline() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try LogWriter(path: dir + "/app.log")
        var follower = FileFollower(path: dir + "/app.log", displayPath: "app.log", fromEnd: false)
        writer.write(2)
        writer.writePartial("half a li")
        #expect(lines(from: follower.poll()) == ["line 1", "line 2"])
        writer.writePartial("ne\n")
        #expect(lines(from: follower.poll()) == ["half a line"])
        writer.close()
    }

    @Test func renameRotationWhileWritingLosesAndRepeatsNothing() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        // No wait for the renamed file to be quiet: each poll that finds it not grown takes the new file.
        var follower = FileFollower(path: path, displayPath: "app.log", fromEnd: false, drainQuiet: .zero, drainLimit: .seconds(60))
        var seen = [String]()
        for round in 0..<5 {
            writer.write(100)
            seen += lines(from: follower.poll())
            writer.write(37)
            // logrotate's rename: the writer keeps its descriptor and writes on into app.log.1.
            try? FileManager.default.removeItem(atPath: path + ".1")
            try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
            writer.write(11 + round)
            try writer.reopen()
            writer.write(5)
            seen += lines(from: follower.poll())
        }
        writer.write(3)
        seen += lines(from: follower.poll())
        writer.close()
        #expect(seen == (1..<writer.next).map { "line \($0)" })
    }

    @Test func linesTheWriterAddsToTheRenamedFileBeforeItReopensAreRead() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        writer.write(10)
        var seen = lines(from: follower.poll())
        // logrotate's create: rename, a new empty app.log, then the signal that makes the writer reopen.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        seen += lines(from: follower.poll())
        writer.write(3)
        seen += lines(from: follower.poll())
        try writer.reopen()
        writer.write(2)
        Thread.sleep(forTimeInterval: 0.3)
        seen += lines(from: follower.poll())
        writer.close()
        #expect(seen == (1...15).map { "line \($0)" })
    }

    @Test func copyTruncateStartsAgainFromTheTop() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        var seen = [String]()
        var restarts = 0
        for _ in 0..<3 {
            writer.write(50)
            seen += lines(from: follower.poll())
            try copyTruncate(path, to: path + ".\(restarts)", writer: writer)
            writer.write(20)
            let changes = follower.poll()
            restarts += changes.filter { if case .restarted = $0 { return true } else { return false } }.count
            seen += lines(from: changes)
        }
        writer.close()
        #expect(restarts == 3)
        #expect(seen == (1..<writer.next).map { "line \($0)" })
    }

    /// logrotate's copytruncate: copy beside, then empty in place; the writer appends (O_APPEND-like).
    func copyTruncate(_ path: String, to copy: String, writer: LogWriter) throws {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        writer.appendAtEnd()
    }

    @Test func linesWrittenSinceTheLastPollBeforeACopyTruncateAreReadFromTheCopy() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        var seen = [String]()
        for round in 1...4 {
            writer.write(50)
            seen += lines(from: follower.poll())
            writer.write(30)
            writer.writePartial("half a li")
            try copyTruncate(path, to: path + ".\(round)", writer: writer)
            writer.write(20)
            seen += lines(from: follower.poll())
        }
        writer.close()
        let numbered = seen.filter { !$0.hasPrefix("half") }
        let missing = Set((1..<writer.next).map { "line \($0)" }).subtracting(numbered)
        #expect(numbered == (1..<writer.next).map { "line \($0)" }, "\(numbered.count) lines, missing \(missing.count): \(missing.sorted().prefix(5))")
        // Each copy ends in the half line written before it; it is handed on once, as a line.
        #expect(seen.filter { $0.hasPrefix("half") } == Array(repeating: "half a li", count: 4))
    }

    @Test func aTruncatedFileThatGrewPastTheOldOffsetIsReadAgainFromTheTop() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FileFollower(path: path, displayPath: "app.log", fromEnd: false)
        writer.write(20)
        var seen = lines(from: follower.poll())
        try copyTruncate(path, to: path + ".1", writer: writer)
        writer.write(200)
        seen += lines(from: follower.poll())
        writer.close()
        #expect(seen == (1..<writer.next).map { "line \($0)" }, "\(seen.count) lines read, first after the truncation: \(seen.dropFirst(20).first ?? "none")")
    }

    @Test func startingAtTheEndSkipsWhatWasThere() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try LogWriter(path: dir + "/app.log")
        writer.write(10)
        var follower = FileFollower(path: dir + "/app.log", displayPath: "app.log", fromEnd: true)
        #expect(lines(from: follower.poll()).isEmpty)
        writer.write(1)
        #expect(lines(from: follower.poll()) == ["line 11"])
        writer.close()
    }
}
