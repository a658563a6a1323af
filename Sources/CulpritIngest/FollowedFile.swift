#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One log file followed through its open descriptor as it grows, whatever it
/// is renamed to: a rename rotation leaves the descriptor on the same file.
///
/// Every read is checked against the file's first bytes (`FileIdentity`), so a
/// file truncated in place (copytruncate) is noticed even when it has already
/// grown past the old offset again. Before it is read again from the top, the
/// part not yet read is taken from the copy rotation left beside it (a file
/// that begins with the same bytes): lines written after the last poll and
/// copied away are read once, from the copy.
struct FollowedFile {
    /// Where the file was opened: its copy is looked for beside it.
    let path: String
    let descriptor: Int32
    /// The file and its first bytes as read so far.
    private(set) var identity: FileIdentity
    /// Bytes read so far, including `partial`.
    private(set) var offset: Int64
    /// A last line still waiting for its newline.
    private var partial: [UInt8] = []
    /// The content the file had before each truncation, newest last: a copy of
    /// it is content already read.
    private(set) var earlierContent: [FileIdentity] = []
    /// Whether the last poll found new bytes.
    private(set) var grew = false

    /// Bytes read in one poll at most, so one huge backlog cannot take all memory at once.
    static let maxBytesPerPoll = 64 << 20
    /// A last line longer than this is handed on without waiting for its newline (the extractor cuts it).
    static let maxPartialLine = 1 << 20
    /// Truncations remembered, for recognising copies made by the last few rotations.
    static let earlierContentKept = 8

    /// Opens `path`; reading starts at the beginning, or at the current end with `fromEnd`.
    package init?(path: String, fromEnd: Bool) {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        guard let status = FileStatus(descriptor: opened), let identity = FileIdentity(descriptor: opened) else {
            closeFile(opened)
            return nil
        }
        self.path = path
        descriptor = opened
        self.identity = identity
        offset = fromEnd ? status.size : 0
    }

    /// Opens `path` to go on where `checkpoint` stopped: nil unless the file
    /// there still holds the checkpoint's content (it begins with the same
    /// bytes and is not shorter than what was read).
    init?(path: String, resumingAt checkpoint: FileCheckpoint) {
        guard checkpoint.resume.offset >= 0, let opened = FollowedFile(path: path, fromEnd: false) else { return nil }
        guard let status = FileStatus(descriptor: opened.descriptor), checkpoint.isContinued(byFileAt: opened.descriptor, size: status.size) else {
            opened.close()
            return nil
        }
        self = opened
        offset = checkpoint.resume.offset
    }

    /// Bytes handed on as whole lines so far: where a later run goes on.
    var consumedOffset: Int64 { offset - Int64(partial.count) }

    /// The whole lines appended since the last poll. After a truncation, the
    /// unread rest of the old content (from its copy) comes first, then `.restarted`.
    mutating func poll() -> [FileFollower.Change] {
        grew = false
        guard let status = FileStatus(descriptor: descriptor), status.size != offset else { return [] }
        var changes = [FileFollower.Change]()
        if status.size < offset || !headUnchanged() {
            changes += startAgainAfterTruncation()
        }
        let start = offset
        var bytes = readToEnd()
        if start > 0, !headUnchanged() {
            // Truncated while it was read: what was read may be the new content. The old
            // content's rest is in its copy; the new content is read from its top.
            offset = start
            changes += startAgainAfterTruncation()
            bytes = readToEnd()
        }
        grew = !bytes.isEmpty
        if let lines = takeLines(bytes, flush: false) { changes.append(.lines(lines)) }
        extendFingerprint()
        return changes
    }

    /// Whether the file has no name left (deleted after rotation).
    var isUnlinked: Bool { FileStatus(descriptor: descriptor)?.links == 0 }

    /// Reads the file to its end, hands on a last line without its newline too, and closes it.
    mutating func finish() -> [FileFollower.Change] {
        var changes = poll()
        if let rest = takeLines([], flush: true) { changes.append(.lines(rest)) }
        close()
        return changes
    }

    func close() { closeFile(descriptor) }

    /// Whether the file still begins with the bytes read from it.
    private func headUnchanged() -> Bool {
        guard identity.fingerprintLength > 0 else { return true }
        guard let status = FileStatus(descriptor: descriptor) else { return false }
        return identity.isBeginning(ofFileAt: descriptor, size: status.size)
    }

    /// The file was truncated in place: reads what was not yet read of the old
    /// content from its copy, if rotation left one, and starts again at the top.
    private mutating func startAgainAfterTruncation() -> [FileFollower.Change] {
        var changes = [FileFollower.Change]()
        if let unread = unreadPartOfCopy(), let lines = takeLines(unread, flush: true) {
            changes.append(.lines(lines))
        }
        if identity.fingerprintLength > 0 {
            earlierContent.append(identity)
            if earlierContent.count > Self.earlierContentKept { earlierContent.removeFirst() }
        }
        offset = 0
        partial.removeAll()
        identity.fingerprint = FileIdentity.fnv1a([])
        identity.fingerprintLength = 0
        changes.append(.restarted)
        return changes
    }

    /// The bytes from `offset` to the end of the copy of this file's content
    /// beside it (most recently modified first), nil when there is none.
    private func unreadPartOfCopy() -> [UInt8]? {
        guard identity.fingerprintLength > 0 else { return nil }
        for candidate in FileIdentity.rotationCandidates(beside: path) {
            let copy = open(candidate, O_RDONLY | O_CLOEXEC)
            guard copy >= 0 else { continue }
            defer { closeFile(copy) }
            guard let status = FileStatus(descriptor: copy), status.inode != identity.inode, status.size >= offset,
                  identity.isBeginning(ofFileAt: copy, size: status.size) else { continue }
            var position = offset
            return Self.read(copy, from: &position)
        }
        return nil
    }

    private mutating func readToEnd() -> [UInt8] {
        Self.read(descriptor, from: &offset)
    }

    /// Reads from `position` to the end (at most `maxBytesPerPoll`), advancing `position`.
    private static func read(_ descriptor: Int32, from position: inout Int64) -> [UInt8] {
        var bytes = [UInt8]()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << 18) { buffer in
            while bytes.count < maxBytesPerPoll {
                let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(position))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                bytes.append(contentsOf: buffer[0..<count])
                position += Int64(count)
            }
        }
        return bytes
    }

    /// `partial` and `bytes` up to their last newline; with `flush`, the rest too, as a line.
    private mutating func takeLines(_ bytes: [UInt8], flush: Bool) -> [UInt8]? {
        var collected = partial
        collected.append(contentsOf: bytes)
        partial.removeAll()
        if let lastNewline = collected.lastIndex(of: 0x0A) {
            if lastNewline + 1 < collected.count {
                partial = Array(collected[(lastNewline + 1)...])
                collected.removeSubrange((lastNewline + 1)...)
            }
        } else {
            swap(&partial, &collected)
        }
        if flush || partial.count > Self.maxPartialLine, !partial.isEmpty {
            collected += partial
            collected.append(0x0A)
            partial.removeAll()
        }
        return collected.isEmpty ? nil : collected
    }

    /// While the file is shorter than the fingerprint, the fingerprint grows with what is read.
    private mutating func extendFingerprint() {
        guard identity.fingerprintLength < FileIdentity.fingerprintBytes, offset > Int64(identity.fingerprintLength),
              let extended = FileIdentity(descriptor: descriptor, length: Int(min(offset, Int64(FileIdentity.fingerprintBytes)))) else { return }
        identity = extended
    }
}
