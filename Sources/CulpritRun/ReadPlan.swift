import CulpritIngest

/// How `report --state` decides what to read this run, given last run's checkpoints.
extension ReportState {
    /// The files to read this run, each with a resume point when a checkpoint
    /// holds part of it:
    /// - a checkpoint goes on in the file with its inode that still begins with
    ///   its first bytes and is not shorter (wherever rotation renamed it), else
    ///   in a copy of it (copytruncate), else in such a file found beside the
    ///   path it was read at (a file given by path, rotated since): that one is
    ///   read from the checkpoint, before the file given;
    /// - beside a file given by path, files rotated out since the last run began
    ///   (`NAME.…`, `NAME-…`, `NAME_…`, not gzip) that no checkpoint knows are
    ///   read whole, oldest first: several rotations between two runs leave those;
    /// - a copy of content that goes on in its own file is not read, nor are
    ///   files with nothing new (unchanged gzip, nothing appended).
    ///
    /// Each file to read is opened here and handed on as its descriptor's path
    /// (`/proc/self/fd/N`), so what is read is what was planned for; `record`
    /// closes them.
    public mutating func plan(_ inputs: [InputFile]) -> (read: [InputFile], unchanged: Int) {
        runStarted = FileStatus.now()
        unpin()
        carried = []
        var byInode = [FileIdentity.Inode: FileCheckpoint]()
        for checkpoint in files { byInode[checkpoint.identity.inode] = checkpoint }
        var continued = Set<FileIdentity.Inode>()
        var decisions = [ReadDecision?](repeating: nil, count: inputs.count)
        var probes = [FileProbe?](repeating: nil, count: inputs.count)
        defer { for probe in probes where probe.map({ pinned[$0.pinnedPath] == nil }) == true { probe?.close() } }
        for (index, file) in inputs.enumerated() where !file.isStandardInput {
            guard let probe = FileProbe(path: file.openPath) else { continue }
            probes[index] = probe
            if probes[..<index].contains(where: { $0?.identity.inode == probe.identity.inode }) {
                // Listed twice while rotation renamed it: read once.
                decisions[index] = .unchanged
                continue
            }
            if let checkpoint = byInode[probe.identity.inode], checkpoint.isContinued(byFileAt: probe.descriptor, size: probe.size) {
                continued.insert(checkpoint.identity.inode)
                decisions[index] = carry(checkpoint, into: file, probe: probe)
            }
        }
        for (index, file) in inputs.enumerated() where decisions[index] == nil {
            guard let probe = probes[index] else { continue }
            let copied = files.filter {
                !$0.isGzip && $0.identity.inode != probe.identity.inode && $0.identity.isBeginning(ofFileAt: probe.descriptor, size: probe.size)
            }
            if let checkpoint = copied.first(where: { !continued.contains($0.identity.inode) && $0.isContinued(byFileAt: probe.descriptor, size: probe.size) }) {
                continued.insert(checkpoint.identity.inode)
                decisions[index] = carry(checkpoint, into: file, probe: probe)
            } else if !copied.isEmpty {
                // A copy of content read in its own file: nothing in it is new.
                carried.append(FileCheckpoint(path: file.openPath, identity: probe.identity, size: probe.size, isGzip: false,
                                              resume: ResumePoint(offset: probe.size, lines: 0, lastTime: nil)))
                decisions[index] = .unchanged
            }
        }
        var taken = Set(probes.compactMap { $0?.identity.inode })
        var before = [String: [InputFile]]()
        for checkpoint in files where !checkpoint.isGzip && !continued.contains(checkpoint.identity.inode) {
            guard let found = successor(of: checkpoint, taken: &taken, inputs: inputs) else { continue }
            continued.insert(checkpoint.identity.inode)
            before[checkpoint.path, default: []] += found
        }
        if let previousRunStarted {
            let known = Set(files.map(\.path))
            for file in inputs where known.contains(file.openPath) {
                before[file.openPath, default: []] += rotatedOut(since: previousRunStarted, beside: file, taken: &taken, inputs: inputs)
            }
        }
        var read = [InputFile]()
        var unchanged = 0
        for (index, file) in inputs.enumerated() {
            read += before.removeValue(forKey: file.openPath) ?? []
            switch decisions[index] {
            case .unchanged: unchanged += 1
            case .read(let resumed): read.append(probes[index].map { pin(resumed, to: $0) } ?? resumed)
            case nil: read.append(probes[index].map { pin(file, to: $0) } ?? file)
            }
        }
        return (before.values.flatMap { $0 } + read, unchanged)
    }

    private enum ReadDecision {
        case read(InputFile)
        case unchanged
    }

    /// `checkpoint`'s content goes on in `file`: resume there, or skip it when nothing was added.
    private mutating func carry(_ checkpoint: FileCheckpoint, into file: InputFile, probe: FileProbe) -> ReadDecision {
        carried.append(FileCheckpoint(path: file.openPath, identity: probe.identity, size: checkpoint.size, isGzip: checkpoint.isGzip, resume: checkpoint.resume))
        if checkpoint.isGzip { return probe.size == checkpoint.size ? .unchanged : .read(file) }
        if probe.size == checkpoint.resume.offset { return .unchanged }
        var resumed = file
        resumed.resume = checkpoint.resume
        return .read(resumed)
    }

    /// The file at or beside `checkpoint.path` that holds its content now (the
    /// same inode renamed, or a copy), not one already `taken` (the inputs,
    /// earlier successors): nil when there is none; empty when nothing was
    /// added to it, else the file to resume.
    private mutating func successor(of checkpoint: FileCheckpoint, taken: inout Set<FileIdentity.Inode>, inputs: [InputFile]) -> [InputFile]? {
        // Its own path first: a rotated file read to its end may still be written to there.
        for candidate in [checkpoint.path] + FileIdentity.rotationCandidates(beside: checkpoint.path) {
            guard let probe = FileProbe(path: candidate) else { continue }
            let isSameFile = probe.identity.inode == checkpoint.identity.inode
            guard !taken.contains(probe.identity.inode), isSameFile || checkpoint.identity.fingerprintLength > 0,
                  checkpoint.isContinued(byFileAt: probe.descriptor, size: probe.size) else {
                probe.close()
                continue
            }
            taken.insert(probe.identity.inode)
            guard case .read(let resumed) = carry(checkpoint, into: Self.input(candidate, probe: probe, shownLike: inputs), probe: probe) else {
                probe.close()
                return []
            }
            return [pin(resumed, to: probe)]
        }
        return nil
    }

    /// The plain files beside `file` named as its rotations, modified after
    /// `time`, that no checkpoint knows and none of the files `taken` is, oldest first.
    private mutating func rotatedOut(since time: Int64, beside file: InputFile, taken: inout Set<FileIdentity.Inode>, inputs: [InputFile]) -> [InputFile] {
        let rotatedName = [".", "-", "_"].map { Self.split(file.openPath).name + $0 }
        var found = [(file: InputFile, modified: Int64)]()
        for candidate in FileIdentity.rotationCandidates(beside: file.openPath) where rotatedName.contains(where: Self.split(candidate).name.hasPrefix) {
            guard let probe = FileProbe(path: candidate) else { continue }
            guard probe.modified > time, !probe.isGzip, !taken.contains(probe.identity.inode),
                  !files.contains(where: { $0.identity.inode == probe.identity.inode || $0.identity.isBeginning(ofFileAt: probe.descriptor, size: probe.size) })
            else {
                probe.close()
                continue
            }
            taken.insert(probe.identity.inode)
            found.append((pin(Self.input(candidate, probe: probe, shownLike: inputs), to: probe), probe.modified))
        }
        return found.sorted { $0.modified < $1.modified }.map(\.file)
    }

    /// `file` read through `probe`'s descriptor: the pipeline opens the very file
    /// planned for, even if rotation renames another file to its path meanwhile.
    private mutating func pin(_ file: InputFile, to probe: FileProbe) -> InputFile {
        pinned[probe.pinnedPath] = PinnedRead(path: file.openPath, probe: probe)
        var pinnedFile = file
        pinnedFile.openPath = probe.pinnedPath
        return pinnedFile
    }

    /// The input for `path`, shown as the inputs of its folder are shown (`app.log.1` beside a given `app.log`).
    private static func input(_ path: String, probe: FileProbe, shownLike inputs: [InputFile]) -> InputFile {
        let (folder, name) = split(path)
        let neighbour = inputs.first { split($0.openPath).folder == folder }
        let shownFolder = neighbour.map { split($0.displayPath).folder } ?? folder
        return InputFile(openPath: path, displayPath: shownFolder + name, modificationTime: probe.modified / 1_000_000_000)
    }

    /// `dir/name` as `dir/` and `name`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
