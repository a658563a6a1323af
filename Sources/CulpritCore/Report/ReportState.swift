import Foundation

/// What `report --state DIR` keeps between runs: a checkpoint per file
/// (`checkpoints`, see `CheckpointFile`) and the aggregates so far
/// (`state.json`). Both carry the generation of the run that wrote them and
/// are written atomically; a state that is corrupt, foreign, of another
/// version or half-written is ignored with one warning and the run rescans everything.
public struct ReportState: Sendable {
    public static let formatName = "culprit-report-state"
    public static let formatVersion = 2
    public static let fileName = "state.json"

    public var files: [FileCheckpoint] = []
    public var aggregator = EventAggregator()
    /// From `plan` to `record`: each file's identity before it was read, by open path.
    var plannedIdentities: [String: FileIdentity] = [:]
    /// From `plan` to `record`: checkpoints that hold whatever this run reads
    /// (files left unchanged, copies of content read, and where a file read will resume).
    var carried: [FileCheckpoint] = []

    public init() {}

    /// `state.json`: the aggregates, as the analysis model encodes them.
    private struct Aggregates: Codable {
        var format = ReportState.formatName
        var version = ReportState.formatVersion
        var generation: String
        var aggregator: EventAggregator
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// Loads the state in `directory`; a missing state is an empty one.
    public static func load(directory: String) -> (state: ReportState, warning: String?) {
        let aggregatesPath = directory + "/" + fileName
        let checkpointsPath = directory + "/" + CheckpointFile.fileName
        let hasAggregates = FileManager.default.fileExists(atPath: aggregatesPath)
        guard hasAggregates || FileManager.default.fileExists(atPath: checkpointsPath) else { return (ReportState(), nil) }
        let again = "; reading everything again"
        guard hasAggregates else { return (ReportState(), "\(aggregatesPath): missing beside \(CheckpointFile.fileName)" + again) }
        let aggregates: Aggregates
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: aggregatesPath))
            let header = try JSONDecoder().decode(Header.self, from: data)
            guard header.format == formatName, header.version == formatVersion else {
                return (ReportState(), "\(aggregatesPath): not a culprit \(formatVersion) state file" + again)
            }
            aggregates = try JSONDecoder().decode(Aggregates.self, from: data)
        } catch {
            return (ReportState(), "\(aggregatesPath): unreadable state (\(Self.shortReason(error)))" + again)
        }
        guard let text = try? String(contentsOfFile: checkpointsPath, encoding: .utf8) else {
            return (ReportState(), "\(checkpointsPath): missing or unreadable" + again)
        }
        do throws(CheckpointFile.FormatError) {
            let (checkpoints, generation) = try CheckpointFile.decode(text)
            guard generation == aggregates.generation else {
                return (ReportState(), "\(checkpointsPath): written by another run than \(fileName) (one was interrupted while saving)" + again)
            }
            var state = ReportState()
            state.files = checkpoints
            state.aggregator = aggregates.aggregator
            return (state, nil)
        } catch {
            return (ReportState(), "\(checkpointsPath):\(error.line): \(error.reason)" + again)
        }
    }

    /// Writes the state into `directory` (created if need be): the aggregates,
    /// then the checkpoints, each atomically, under a new generation.
    public func save(directory: String) throws(InputError) {
        let generation = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(Aggregates(generation: generation, aggregator: aggregator))
        } catch {
            throw InputError(path: directory + "/" + Self.fileName, message: "cannot encode the report state; give --state another directory to start afresh")
        }
        let store = StateDirectory(path: directory)
        try store.write(Array(data), to: Self.fileName)
        try store.write(Array(CheckpointFile.encode(files, generation: generation).utf8), to: CheckpointFile.fileName)
    }

    /// The files to read this run, each with a resume point when a checkpoint
    /// holds part of it. A checkpoint goes on in the file with its inode that
    /// still begins with its first bytes and is not shorter (wherever rotation
    /// renamed it), else in a copy of it (copytruncate), else in such a file
    /// found beside the path it was read at (rotation of a file given by path):
    /// that file is read from the checkpoint, before the files given. A copy of
    /// content that goes on in its own file is not read; files with nothing new
    /// (unchanged gzip, nothing appended) are left out.
    public mutating func plan(_ inputs: [InputFile]) -> (read: [InputFile], unchanged: Int) {
        plannedIdentities = [:]
        carried = []
        var byInode = [FileIdentity.Inode: FileCheckpoint]()
        for checkpoint in files { byInode[checkpoint.identity.inode] = checkpoint }
        var continued = Set<FileIdentity.Inode>()
        var decisions = [ReadDecision?](repeating: nil, count: inputs.count)
        var probes = [FileProbe?](repeating: nil, count: inputs.count)
        defer { for probe in probes { probe?.close() } }
        for (index, file) in inputs.enumerated() where !file.isStandardInput {
            guard let probe = FileProbe(path: file.openPath) else { continue }
            probes[index] = probe
            plannedIdentities[file.openPath] = probe.identity
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
        let inputInodes = Set(probes.compactMap { $0?.identity.inode })
        var successors = [String: [InputFile]]()
        for checkpoint in files where !checkpoint.isGzip && !continued.contains(checkpoint.identity.inode) {
            guard let (file, probe) = successor(of: checkpoint, excluding: inputInodes, inputs: inputs) else { continue }
            defer { probe.close() }
            continued.insert(checkpoint.identity.inode)
            plannedIdentities[file.openPath] = probe.identity
            if case .read(let resumed) = carry(checkpoint, into: file, probe: probe) { successors[checkpoint.path, default: []].append(resumed) }
        }
        var read = [InputFile]()
        var unchanged = 0
        for (index, file) in inputs.enumerated() {
            read += successors.removeValue(forKey: file.openPath) ?? []
            switch decisions[index] {
            case .unchanged: unchanged += 1
            case .read(let resumed): read.append(resumed)
            case nil: read.append(file)
            }
        }
        return (successors.values.flatMap { $0 } + read, unchanged)
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

    /// The file beside `checkpoint.path` that holds its content now: the same
    /// inode renamed, or a copy; none of the inputs.
    private func successor(of checkpoint: FileCheckpoint, excluding inputs: Set<FileIdentity.Inode>,
                           inputs files: [InputFile]) -> (InputFile, FileProbe)? {
        for candidate in FileIdentity.rotationCandidates(beside: checkpoint.path) {
            guard let probe = FileProbe(path: candidate) else { continue }
            let isSameFile = probe.identity.inode == checkpoint.identity.inode
            if !inputs.contains(probe.identity.inode), isSameFile || checkpoint.identity.fingerprintLength > 0,
               checkpoint.isContinued(byFileAt: probe.descriptor, size: probe.size) {
                // Shown beside the input it was rotated from, as that input is shown.
                let shownAt = files.first { $0.openPath == checkpoint.path }?.displayPath ?? checkpoint.path
                let directory = shownAt.lastIndex(of: "/").map { String(shownAt[...$0]) } ?? ""
                let name = candidate.lastIndex(of: "/").map { String(candidate[candidate.index(after: $0)...]) } ?? candidate
                return (InputFile(openPath: candidate, displayPath: directory + name, modificationTime: probe.modified), probe)
            }
            probe.close()
        }
        return nil
    }

    /// Records where this run stopped in each file it read, keeping the
    /// checkpoints of what it did not need to read; checkpoints of files no
    /// longer there are dropped.
    public mutating func record(outcomes: [FileOutcome], linesByPath: [String: FileExtractionState], inputs: [InputFile]) {
        var next = [FileIdentity.Inode: FileCheckpoint]()
        for checkpoint in carried { next[checkpoint.identity.inode] = checkpoint }
        for outcome in outcomes where !outcome.file.isStandardInput && !outcome.truncated {
            guard let identity = identityRead(at: outcome.file.openPath) else { continue }
            let state = linesByPath[outcome.file.displayPath]
            let lines = (state?.linesBefore ?? 0) - outcome.pendingLines
            let size = outcome.isGzip ? FileStatus(path: outcome.file.openPath)?.size ?? 0 : outcome.endOffset
            next[identity.inode] = FileCheckpoint(path: outcome.file.openPath, identity: identity, size: size, isGzip: outcome.isGzip,
                                                  resume: ResumePoint(offset: outcome.endOffset, lines: max(0, lines), lastTime: state?.lastTime))
        }
        files = next.values.sorted { $0.path < $1.path }
        plannedIdentities = [:]
        carried = []
    }

    /// The identity of the content read at `path`: taken before the read, or
    /// after it (a longer fingerprint) when the file still begins the same.
    private func identityRead(at path: String) -> FileIdentity? {
        let after = FileIdentity(path: path)
        guard let before = plannedIdentities[path] else { return after }
        guard let after, after.inode == before.inode, before.fingerprintLength <= after.fingerprintLength,
              before.fingerprintLength == 0 || before.isBeginning(ofFileAt: path) else { return before }
        return after
    }

    static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted: return "not valid JSON"
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context): return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
