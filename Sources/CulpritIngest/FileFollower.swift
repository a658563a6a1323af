/// Follows one path like `tail -F`: reads what is appended, waits for the
/// newline of a partial last line, and survives rotation. No line is lost or
/// read twice:
/// - rename rotation (the path names another file): the old file is read
///   until it has been quiet for `drainQuiet` (its writer goes on until it
///   reopens: logrotate's `create` makes the new file before the postrotate
///   signal reaches the writer), at most `drainLimit`, then to its end, before
///   the new one is read from its start;
/// - copytruncate (the file emptied in place): what was not yet read is taken
///   from the copy beside it, then the file is read again from its start
///   (see `FollowedFile`).
package struct FileFollower {
    package let path: String
    package let displayPath: String
    private var file: FollowedFile?
    /// How long a renamed file must stop growing before the new file is taken.
    let drainQuiet: Duration
    /// How long a renamed file that keeps growing is read before the new file is taken all the same.
    let drainLimit: Duration
    /// When the path was first seen naming another file, and when the old one last grew since.
    private var replaced: (since: ContinuousClock.Instant, lastGrowth: ContinuousClock.Instant)?

    /// What one poll found.
    package enum Change {
        /// Whole new lines (ending with a newline).
        case lines([UInt8])
        /// The file was replaced or truncated: line numbering starts again.
        case restarted
    }

    /// Opens `path` if it exists; reading starts at its beginning, or at its end with `fromEnd`.
    package init(path: String, displayPath: String, fromEnd: Bool) {
        self.init(path: path, displayPath: displayPath, fromEnd: fromEnd, drainQuiet: .milliseconds(250), drainLimit: .seconds(5))
    }

    package init(path: String, displayPath: String, fromEnd: Bool, drainQuiet: Duration, drainLimit: Duration) {
        self.path = path
        self.displayPath = displayPath
        self.drainQuiet = drainQuiet
        self.drainLimit = drainLimit
        file = FollowedFile(path: path, fromEnd: fromEnd)
    }

    /// Goes on where `checkpoint` (of a file once at `path`) stopped: at its
    /// offset when `path` still holds that file's content; when rotation has
    /// since moved it (`app.log.1`, or a copy of it), its rest is read there
    /// first and then the new file at `path` from its start; when it is gone,
    /// `path` is read from its start. `resumed` says which.
    package init(path: String, displayPath: String, resumingAt checkpoint: FileCheckpoint) {
        self.init(path: path, displayPath: displayPath, fromEnd: false)
        if let continued = FollowedFile(path: path, resumingAt: checkpoint) {
            file?.close()
            file = continued
            resumed = .atOffset
            return
        }
        for candidate in FileIdentity.rotationCandidates(beside: path) {
            guard let rotated = FollowedFile(path: candidate, resumingAt: checkpoint) else { continue }
            // The path names another file now: `poll` drains this one, then takes the new one from its start.
            file?.close()
            file = rotated
            resumed = .inRotatedFile(candidate)
            return
        }
        resumed = .fromStart
    }

    /// How a follower made from a checkpoint began.
    package enum Resumption: Equatable, Sendable {
        /// Where the checkpoint stopped, in the same file.
        case atOffset
        /// Where it stopped, in the file rotation moved it to (named here); the new file follows.
        case inRotatedFile(String)
        /// The checkpoint's file is gone: the path is read from its start.
        case fromStart
    }

    /// How this follower began, when it was made from a checkpoint.
    package private(set) var resumed: Resumption?

    package var isOpen: Bool { file != nil }

    /// Where a later run goes on: the file being read and the bytes handed on
    /// as whole lines so far (the lines and time come from its extractor).
    package var position: (identity: FileIdentity, offset: Int64)? {
        file.map { ($0.identity, $0.consumedOffset) }
    }

    /// The file being read, to recognise it under a new name or as a copy.
    package var identity: FileIdentity? { file?.identity }

    /// Reads what is new since the last poll, handling rotation and truncation.
    package mutating func poll() -> [Change] {
        var changes = [Change]()
        if file == nil {
            guard let opened = FollowedFile(path: path, fromEnd: false) else { return [] }
            file = opened
            changes.append(.restarted)
        }
        changes += file!.poll()
        guard let named = FileStatus(path: path), named.inode != file!.identity.inode else {
            replaced = nil
            return changes
        }
        let now = ContinuousClock.now
        var drain = replaced ?? (now, now)
        if file!.grew { drain.lastGrowth = now }
        replaced = drain
        let quiet = !file!.grew && now - drain.lastGrowth >= drainQuiet
        guard quiet || now - drain.since >= drainLimit else { return changes }
        changes += file!.finish()
        replaced = nil
        file = FollowedFile(path: path, fromEnd: false)
        if file != nil {
            changes.append(.restarted)
            changes += file!.poll()
        }
        return changes
    }

    /// Stops following.
    package mutating func close() {
        file?.close()
        file = nil
    }
}
