/// Follows every file in a folder (walked as `InputExpander` walks it) by
/// identity, not by name: a file renamed by rotation (`app.log` → `app.log.1`)
/// is still read through its own descriptor and never again from the top; the
/// new `app.log` is read from its start; a copy of content already read
/// (copytruncate's `app.log.1`) is not read at all, its unread rest being taken
/// by the file it was copied from (see `FollowedFile`).
///
/// The folder is walked every 2 s; between walks each known name is
/// checked at every poll, so the file a rotation puts under a known name is
/// read within one poll.
package struct FolderFollower {
    package let path: String

    /// What one poll found in one file of the folder.
    package enum Update {
        /// New lines in `file`, or its truncation; `input` names it as it was first found.
        case changed(file: FileIdentity.Inode, input: InputFile, FileFollower.Change)
        /// `file` was read to its end and is no longer followed (deleted, or moved out of the folder).
        case closed(file: FileIdentity.Inode)
    }

    private struct Entry {
        var file: FollowedFile
        var input: InputFile
        /// The checkpoint it was resumed at, if any.
        var resumedFrom: ResumePoint? = nil
    }

    private var files = [FileIdentity.Inode: Entry]()
    /// Each path found in the folder, with the file it named.
    private var names = [String: (inode: FileIdentity.Inode, input: InputFile)]()
    /// Files found to be copies of content already read, or compressed archives: never read.
    private var ignored = Set<FileIdentity.Inode>()
    private var lastScan: ContinuousClock.Instant?
    private var fromEnd: Bool
    /// Where an earlier run stopped in the folder's files, until each is matched to a file found.
    private var checkpoints: [FileCheckpoint]
    /// How often the folder is walked for new files.
    let scanInterval: Duration

    /// Follows the folder at `path`; with `fromEnd`, the files already there are read from their end.
    package init(path: String, fromEnd: Bool) {
        self.init(path: path, fromEnd: fromEnd, scanInterval: .seconds(2))
    }

    package init(path: String, fromEnd: Bool, scanInterval: Duration) {
        self.init(path: path, fromEnd: fromEnd, resumingAt: [], scanInterval: scanInterval)
    }

    /// Follows the folder at `path`, going on where `checkpoints` stopped: a
    /// file that still holds a checkpoint's content (the same file, renamed by
    /// rotation or not, or a copy of it) is read from the checkpoint's offset;
    /// every other file from its start when there are checkpoints (it is new
    /// since that run), else as `fromEnd` says.
    package init(path: String, fromEnd: Bool, resumingAt checkpoints: [FileCheckpoint], scanInterval: Duration = .seconds(2)) {
        self.path = path
        self.fromEnd = fromEnd && checkpoints.isEmpty
        self.checkpoints = checkpoints
        self.scanInterval = scanInterval
    }

    /// The checkpoint `file` was resumed at (its lines are numbered on from it), nil when it was read afresh.
    package func resumePoint(of file: FileIdentity.Inode) -> ResumePoint? { files[file]?.resumedFrom }

    /// Where a later run goes on in each followed file: its identity, the
    /// bytes handed on as whole lines so far and the path it was found at.
    package var positions: [(file: FileIdentity.Inode, identity: FileIdentity, offset: Int64, path: String)] {
        files.map { inode, entry in (inode, entry.file.identity, entry.file.consumedOffset, entry.input.openPath) }
            .sorted { $0.path < $1.path }
    }

    /// Reads what is new in every file since the last poll.
    package mutating func poll() -> [Update] {
        let now = ContinuousClock.now
        var named: Set<FileIdentity.Inode>?
        if lastScan.map({ now - $0 >= scanInterval }) ?? true {
            named = scan()
            lastScan = now
            fromEnd = false
        } else {
            checkKnownNames()
        }
        var updates = [Update]()
        for (inode, var entry) in files.sorted(by: { $0.value.input.displayPath < $1.value.input.displayPath }) {
            // Only a full walk knows every name: a file renamed since the last one is still in the folder.
            let movedAway = named.map { !$0.contains(inode) && !entry.file.grew } ?? false
            let gone = movedAway || entry.file.isUnlinked
            let changes = gone ? entry.file.finish() : entry.file.poll()
            files[inode] = gone ? nil : entry
            updates += changes.map { .changed(file: inode, input: entry.input, $0) }
            if gone { updates.append(.closed(file: inode)) }
        }
        return updates
    }

    /// Walks the folder: new files are followed, names are brought up to date.
    /// Returns the files the folder names.
    private mutating func scan() -> Set<FileIdentity.Inode> {
        var found = [String: (inode: FileIdentity.Inode, input: InputFile)]()
        for file in InputExpander.expand([path]).files {
            guard let status = FileStatus(path: file.openPath) else { continue }
            found[file.openPath] = (status.inode, file)
            consider(file, inode: status.inode)
        }
        names = found
        let present = Set(found.values.map(\.inode))
        ignored.formIntersection(present)
        return present
    }

    /// Between walks: a known name that now names another file (rotation created it) is followed at once.
    private mutating func checkKnownNames() {
        for (name, known) in names {
            guard let status = FileStatus(path: name) else { continue }
            if status.inode != known.inode {
                var input = known.input
                input.modificationTime = status.modified / 1_000_000_000
                names[name] = (status.inode, input)
                consider(input, inode: status.inode)
            }
        }
    }

    private mutating func consider(_ input: InputFile, inode: FileIdentity.Inode) {
        guard files[inode] == nil, !ignored.contains(inode) else { return }
        if let (resumed, point) = resume(input, inode: inode) {
            files[inode] = Entry(file: resumed, input: input, resumedFrom: point)
            return
        }
        guard let opened = FollowedFile(path: input.openPath, fromEnd: fromEnd), opened.identity.inode == inode else { return }
        if isCompressed(opened) || isCopyOfContentRead(opened) {
            opened.close()
            ignored.insert(inode)
            return
        }
        files[inode] = Entry(file: opened, input: input)
    }

    /// The file at `input` opened at the offset of a checkpoint whose content
    /// it holds (which is then used up), preferring the checkpoint of the
    /// same file over one of a file it is a copy of; nil when none fits.
    private mutating func resume(_ input: InputFile, inode: FileIdentity.Inode) -> (FollowedFile, ResumePoint)? {
        guard !checkpoints.isEmpty else { return nil }
        let order = checkpoints.indices.sorted { (checkpoints[$0].identity.inode == inode ? 0 : 1) < (checkpoints[$1].identity.inode == inode ? 0 : 1) }
        for index in order {
            guard let opened = FollowedFile(path: input.openPath, resumingAt: checkpoints[index]) else { continue }
            guard opened.identity.inode == inode else { opened.close(); return nil }
            return (opened, checkpoints.remove(at: index).resume)
        }
        return nil
    }

    /// Whether `candidate` begins like a followed file's content, now or before one of its truncations:
    /// a copy rotation made (of content read, or being read by that file's follower).
    private func isCopyOfContentRead(_ candidate: FollowedFile) -> Bool {
        guard let status = FileStatus(descriptor: candidate.descriptor) else { return false }
        return files.values.contains { entry in
            ([entry.file.identity] + entry.file.earlierContent).contains {
                $0.isBeginning(ofFileAt: candidate.descriptor, size: status.size)
            }
        }
    }

    /// A gzip archive (rotation's `app.log.2.gz`): finished history, not a log being written.
    private func isCompressed(_ candidate: FollowedFile) -> Bool {
        let magic = FileIdentity.head(of: candidate.descriptor, length: 2)
        return magic == [0x1F, 0x8B]
    }

    /// Stops following every file.
    package mutating func close() {
        for entry in files.values { entry.file.close() }
        files.removeAll()
    }
}
