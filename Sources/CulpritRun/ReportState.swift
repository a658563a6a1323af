import Foundation
import CulpritIngest
import CulpritExtract
import CulpritCorrelate

/// What `report --state DIR` keeps between runs: a checkpoint per file
/// (`checkpoints`, see `CheckpointFile`) and the aggregates so far
/// (`state.json`). Both carry the generation of the run that wrote them and
/// are written atomically; a state that is corrupt, foreign, of another
/// version or half-written is ignored with one warning and the run rescans everything.
public struct ReportState: Sendable {
    package static let formatName = "culprit-report-state"
    package static let formatVersion = 2
    package static let fileName = "state.json"

    package var files: [FileCheckpoint] = []
    /// The aggregates of every run so far.
    public var aggregator = EventAggregator()
    /// From `plan` to `record`: the files this run reads, open, by the path the pipeline opens them at.
    var pinned: [String: PinnedRead] = [:]
    /// From `plan` to `record`: checkpoints that hold whatever this run reads
    /// (files left unchanged, copies of content read, and where a file read will resume).
    var carried: [FileCheckpoint] = []
    /// When the run that recorded these checkpoints began (ns since the epoch):
    /// files rotated out beside a file given by path after that are new.
    public var previousRunStarted: Int64?
    /// From `plan` to `record`: when this run began.
    var runStarted: Int64?

    /// An empty state: everything is read.
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
            let (checkpoints, generation, started) = try CheckpointFile.decode(text)
            guard generation == aggregates.generation else {
                return (ReportState(), "\(checkpointsPath): written by another run than \(fileName) (one was interrupted while saving)" + again)
            }
            var state = ReportState()
            state.files = checkpoints
            state.aggregator = aggregates.aggregator
            state.previousRunStarted = started
            return (state, nil)
        } catch {
            return (ReportState(), "\(checkpointsPath):\(error.line): \(error.reason)" + again)
        }
    }

    /// Writes the state into `directory` (created if need be): the aggregates,
    /// then the checkpoints, each atomically, under a new generation.
    public func save(directory: String) throws(StateSaveError) {
        let generation = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(Aggregates(generation: generation, aggregator: aggregator))
        } catch {
            throw StateSaveError(path: directory + "/" + Self.fileName, message: "cannot encode the report state; give --state another directory to start afresh")
        }
        let store = StateDirectory(path: directory)
        try store.write(Array(data), to: Self.fileName)
        let started = previousRunStarted ?? FileStatus.now()
        try store.write(Array(CheckpointFile.encode(files, generation: generation, runStarted: started).utf8), to: CheckpointFile.fileName)
    }

    /// Records where this run stopped in each file it read, keeping the
    /// checkpoints of what it did not need to read; checkpoints of files no
    /// longer there are dropped.
    package mutating func record(outcomes: [FileOutcome], linesByPath: [String: FileExtractionState], inputs: [InputFile]) {
        var next = [FileIdentity.Inode: FileCheckpoint]()
        for checkpoint in carried { next[checkpoint.identity.inode] = checkpoint }
        for outcome in outcomes where !outcome.file.isStandardInput && !outcome.truncated {
            let read = pinned[outcome.file.openPath]
            guard let identity = read?.identityRead ?? FileIdentity(path: outcome.file.openPath) else { continue }
            let state = linesByPath[outcome.file.displayPath]
            let lines = (state?.linesBefore ?? 0) - outcome.pendingLines
            let size = outcome.isGzip ? FileStatus(path: outcome.file.openPath)?.size ?? 0 : outcome.endOffset
            next[identity.inode] = FileCheckpoint(path: read?.path ?? outcome.file.openPath, identity: identity, size: size, isGzip: outcome.isGzip,
                                                  resume: ResumePoint(offset: outcome.endOffset, lines: max(0, lines), lastTime: state?.lastTime))
        }
        files = next.values.sorted { $0.path < $1.path }
        previousRunStarted = runStarted ?? previousRunStarted
        unpin()
        carried = []
        runStarted = nil
    }

    /// Closes the files `plan` opened.
    mutating func unpin() {
        for read in pinned.values { read.probe.close() }
        pinned = [:]
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
