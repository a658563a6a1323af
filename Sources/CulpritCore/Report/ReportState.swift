import Foundation

/// What `report --state DIR` keeps between runs: a checkpoint per file and the
/// aggregates so far. Written atomically (temporary file, then rename); a state
/// that is corrupt, foreign or from another version is ignored with one warning
/// and the run rescans everything.
public struct ReportState: Sendable, Codable {
    public static let formatName = "culprit-report-state"
    public static let formatVersion = 1
    public static let fileName = "state.json"

    public var format = ReportState.formatName
    public var version = ReportState.formatVersion
    public var files: [FileCheckpoint] = []
    public var aggregator = EventAggregator()

    public init() {}

    /// Loads the state in `directory`; a missing state is an empty one.
    public static func load(directory: String) -> (state: ReportState, warning: String?) {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return (ReportState(), nil) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let state = try JSONDecoder().decode(ReportState.self, from: data)
            guard state.format == formatName, state.version == formatVersion else {
                return (ReportState(), "\(path): not a culprit \(formatVersion) state file; reading everything again")
            }
            return (state, nil)
        } catch {
            return (ReportState(), "\(path): unreadable state (\(Self.shortReason(error))); reading everything again")
        }
    }

    /// Writes the state into `directory` atomically, creating the directory.
    public func save(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        let temporary = directory + "/.\(Self.fileName).\(getpid()).tmp"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, directory + "/" + Self.fileName) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(path: directory + "/" + Self.fileName, message: "cannot write state: \(reason)")
        }
    }

    /// The files to read this run: each with a resume point when its checkpoint
    /// still describes it (same device and inode — wherever rotation moved it —
    /// same first bytes, not shorter); files already read whole (unchanged gzip,
    /// or nothing appended) are left out.
    public func plan(_ files: [InputFile]) -> (read: [InputFile], unchanged: Int) {
        var byIdentity = [String: FileCheckpoint]()
        for checkpoint in self.files { byIdentity["\(checkpoint.device):\(checkpoint.inode)"] = checkpoint }
        var read = [InputFile]()
        var unchanged = 0
        for file in files {
            guard !file.isStandardInput, let identity = FileCheckpoint.identity(of: file.openPath),
                  let checkpoint = byIdentity["\(identity.device):\(identity.inode)"],
                  let head = FileCheckpoint.identity(of: file.openPath, length: checkpoint.fingerprintLength),
                  head.fingerprint == checkpoint.fingerprint, identity.size >= checkpoint.size || identity.size >= checkpoint.resume.offset else {
                read.append(file)
                continue
            }
            if checkpoint.isGzip {
                if identity.size == checkpoint.size { unchanged += 1 } else { read.append(file) }
                continue
            }
            if identity.size == checkpoint.resume.offset {
                unchanged += 1
                continue
            }
            var resumed = file
            resumed.resume = checkpoint.resume
            read.append(resumed)
        }
        return (read, unchanged)
    }

    /// Records where this run stopped in each file it read, keeping the
    /// checkpoints of files it did not need to read.
    public mutating func record(outcomes: [FileOutcome], linesByPath: [String: FileExtractionState], inputs: [InputFile]) {
        var checkpoints = [String: FileCheckpoint]()
        for checkpoint in files { checkpoints["\(checkpoint.device):\(checkpoint.inode)"] = checkpoint }
        var current = Set<String>()
        for file in inputs where !file.isStandardInput {
            if let identity = FileCheckpoint.identity(of: file.openPath) { current.insert("\(identity.device):\(identity.inode)") }
        }
        for outcome in outcomes where !outcome.file.isStandardInput && !outcome.truncated {
            guard let identity = FileCheckpoint.identity(of: outcome.file.openPath) else { continue }
            let lines = (linesByPath[outcome.file.displayPath]?.linesBefore ?? 0) - outcome.pendingLines
            let resume = ResumePoint(offset: outcome.endOffset, lines: max(0, lines), lastTime: linesByPath[outcome.file.displayPath]?.lastTime)
            let key = "\(identity.device):\(identity.inode)"
            checkpoints[key] = FileCheckpoint(path: outcome.file.displayPath, device: identity.device, inode: identity.inode,
                                              size: outcome.isGzip ? identity.size : outcome.endOffset, isGzip: outcome.isGzip,
                                              fingerprint: identity.fingerprint, fingerprintLength: identity.length, resume: resume)
        }
        files = checkpoints.filter { current.contains($0.key) }.values.sorted { $0.path < $1.path }
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
