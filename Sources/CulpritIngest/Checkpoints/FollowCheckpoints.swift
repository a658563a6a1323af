import Foundation

/// Where `watch --sink … --state DIR` stopped in each followed file, kept in
/// `DIR/follow-checkpoints` in the checkpoints format (`CheckpointFile`) and
/// rewritten atomically only after the events before each position were
/// acknowledged by the sink, so a restarted shipper goes on from there: it may
/// send the last second again (the sink folds repeats) but never skips a line.
package struct FollowCheckpoints {
    package static let fileName = "follow-checkpoints"
    /// The `generation` written in the file's header: these checkpoints have no aggregates beside them.
    static let generation = "follow"

    /// The state directory.
    package let directory: String
    /// When this run began (ns since the epoch), written in the file's header.
    package let runStarted: Int64

    package init(directory: String, runStarted: Int64 = FileStatus.now()) {
        self.directory = directory
        self.runStarted = runStarted
    }

    /// The checkpoints file's path.
    package var path: String { directory + "/" + Self.fileName }

    /// Why saved checkpoints could not be used: `description` names the file and line.
    package struct ReadError: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// The saved checkpoints; none when the file does not exist yet.
    package func load() throws(ReadError) -> [FileCheckpoint] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ReadError(description: "\(path):1: not UTF-8 text") }
        do {
            return try CheckpointFile.decode(text).checkpoints
        } catch {
            throw ReadError(description: "\(path):\(error.line): \(error.reason)")
        }
    }

    /// Replaces the saved checkpoints with `checkpoints`, atomically.
    package func save(_ checkpoints: [FileCheckpoint]) throws(AtomicFile.Failure) {
        let text = CheckpointFile.encode(checkpoints, generation: Self.generation, runStarted: runStarted)
        try AtomicFile.write(Array(text.utf8), to: Self.fileName, in: directory)
    }
}
