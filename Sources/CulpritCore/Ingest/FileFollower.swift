/// Follows one path like `tail -F`: reads what is appended, waits for the
/// newline of a partial last line, and survives rotation. No line is lost or
/// read twice:
/// - rename rotation (the path names another file): the old file is read
///   while it still grows (its writer goes on until it reopens), then to its
///   end, before the new one is read from its start;
/// - copytruncate (the file emptied in place): what was not yet read is taken
///   from the copy beside it, then the file is read again from its start
///   (see `FollowedFile`).
public struct FileFollower {
    public let path: String
    public let displayPath: String
    private var file: FollowedFile?
    /// Polls in a row that found the path naming another file while the old one still grew.
    private var pollsSinceReplaced = 0

    /// Polls a renamed file is still read for while it grows before the new file is taken (2 s at the default 200 ms).
    static let drainPolls = 10

    /// What one poll found.
    public enum Change {
        /// Whole new lines (ending with a newline).
        case lines([UInt8])
        /// The file was replaced or truncated: line numbering starts again.
        case restarted
    }

    /// Opens `path` if it exists; reading starts at its beginning, or at its end with `fromEnd`.
    public init(path: String, displayPath: String, fromEnd: Bool) {
        self.path = path
        self.displayPath = displayPath
        file = FollowedFile(path: path, fromEnd: fromEnd)
    }

    public var isOpen: Bool { file != nil }

    /// The file being read, to recognise it under a new name or as a copy.
    public var identity: FileIdentity? { file?.identity }

    /// Reads what is new since the last poll, handling rotation and truncation.
    public mutating func poll() -> [Change] {
        var changes = [Change]()
        if file == nil {
            guard let opened = FollowedFile(path: path, fromEnd: false) else { return [] }
            file = opened
            changes.append(.restarted)
        }
        changes += file!.poll()
        guard let named = FileStatus(path: path), named.inode != file!.identity.inode else {
            pollsSinceReplaced = 0
            return changes
        }
        if file!.grew, pollsSinceReplaced < Self.drainPolls {
            pollsSinceReplaced += 1
            return changes
        }
        changes += file!.finish()
        pollsSinceReplaced = 0
        file = FollowedFile(path: path, fromEnd: false)
        if file != nil {
            changes.append(.restarted)
            changes += file!.poll()
        }
        return changes
    }

    /// Stops following.
    public mutating func close() {
        file?.close()
        file = nil
    }
}
