import Foundation
import Testing
@testable import CulpritIngest

@Suite struct FolderFollowerTests {
    func directory() throws -> String { try makeTemporaryDirectory("folder") }

    /// The lines each poll found, by the name the file was first found under.
    func lines(from updates: [FolderFollower.Update]) -> [String] {
        updates.flatMap { update -> [String] in
            guard case .changed(_, _, .lines(let bytes)) = update else { return [] }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    func copyTruncate(_ path: String, to copy: String, writer: LogWriter) throws {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        writer.appendAtEnd()
    }

    @Test func aFileRenamedInTheFolderIsReadOnceAndItsSuccessorFromItsStart() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FolderFollower(path: dir, fromEnd: false, scanInterval: .zero)
        var seen = [String]()
        for round in 1...4 {
            writer.write(40)
            seen += lines(from: follower.poll())
            writer.write(7)
            for generation in stride(from: round, to: 0, by: -1) {
                try? FileManager.default.moveItem(atPath: path + ".\(generation)", toPath: path + ".\(generation + 1)")
            }
            try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
            writer.write(3)
            try writer.reopen()
            writer.write(5)
            seen += lines(from: follower.poll())
            seen += lines(from: follower.poll())
        }
        seen += lines(from: follower.poll())
        writer.close()
        let missing = Set((1..<writer.next).map { "line \($0)" }).subtracting(seen)
        #expect(seen.count == writer.next - 1 && missing.isEmpty, "\(seen.count) lines for \(writer.next - 1), missing \(missing.sorted().prefix(5))")
        // Files are read one after the other, so lines of two files interleave: each line once.
        let numbers = seen.compactMap { Int($0.dropFirst(5)) }
        #expect(numbers.sorted() == Array(1..<writer.next))
    }

    @Test func aCopyInTheFolderIsNotReadAndTheLinesCopiedAwayAreReadOnce() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FolderFollower(path: dir, fromEnd: false, scanInterval: .zero)
        var seen = [String]()
        for round in 1...4 {
            writer.write(40)
            seen += lines(from: follower.poll())
            writer.write(9)
            try copyTruncate(path, to: path + "-2025031\(round)", writer: writer)
            writer.write(6)
            seen += lines(from: follower.poll())
            seen += lines(from: follower.poll())
        }
        writer.close()
        #expect(seen == (1..<writer.next).map { "line \($0)" }, "\(seen.count) lines for \(writer.next - 1)")
    }

    @Test func aCopyFoundBeforeTheTruncationIsNotReadEither() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/app.log"
        let writer = try LogWriter(path: path)
        var follower = FolderFollower(path: dir, fromEnd: false, scanInterval: .zero)
        writer.write(40)
        var seen = lines(from: follower.poll())
        writer.write(9)
        // logrotate is between its copy and its truncation when the folder is walked.
        try FileManager.default.copyItem(atPath: path, toPath: path + ".1")
        seen += lines(from: follower.poll())
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.close()
        writer.appendAtEnd()
        writer.write(6)
        seen += lines(from: follower.poll())
        seen += lines(from: follower.poll())
        writer.close()
        #expect(seen == (1..<writer.next).map { "line \($0)" }, "\(seen.count) lines for \(writer.next - 1)")
    }

    @Test func aDeletedFileIsReadToItsEndAndClosed() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try LogWriter(path: dir + "/app.log")
        var follower = FolderFollower(path: dir, fromEnd: false, scanInterval: .zero)
        writer.write(2)
        var updates = follower.poll()
        writer.writePartial("last words")
        try FileManager.default.removeItem(atPath: dir + "/app.log")
        updates += follower.poll()
        writer.close()
        #expect(lines(from: updates) == ["line 1", "line 2", "last words"])
        #expect(updates.contains { if case .closed = $0 { return true } else { return false } })
        #expect(follower.poll().isEmpty)
    }
}
