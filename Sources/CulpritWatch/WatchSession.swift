import Foundation
#if canImport(Glibc)
import Glibc
#endif
import CulpritModel
import CulpritIngest
import CulpritExtract

/// Runs `watch`: reads standard input and followed files or directories,
/// feeds their events to a `WatchEngine`, and hands each alert to `emit` as it
/// fires. With `replay`, finished files are read as fast as possible, merged
/// in time order across files, and the run ends at their end.
public final class WatchSession {
    /// How the inputs are read.
    public struct Options: Sendable {
        /// Read finished input as a stream and stop at its end.
        public var replay = false
        /// Start followed files at their end, like `tail -F` (live mode only).
        public var fromEnd = false
        /// How often followed files are polled, in milliseconds.
        public var pollMilliseconds: Int32 = 200
        /// Where an earlier run stopped in the followed files (`--state`): each
        /// goes on from there (live mode only; see `FileFollower`, `FolderFollower`).
        package var resume: [FileCheckpoint] = []

        /// Live, from the start of each file, polled every 200 ms.
        public init() {}
    }

    /// The engine the events go to.
    public private(set) var engine: WatchEngine
    let settings: ExtractionSettings
    let options: Options
    let diagnostics: Diagnostics
    let emit: (Alert) throws -> Void
    let shouldStop: () -> Bool
    /// Lines read so far.
    public private(set) var linesRead = 0
    /// What each input gave so far, by the path refs print (`-` for standard
    /// input): lines, events, undated events and the format it is read as.
    public private(set) var inputAccounts: [String: InputAccount] = [:]
    /// When the watched files' other logs are from (`YearReference`), for year-less times.
    private var yearReference: Int64?
    /// Called after each evaluation with the engine and the lines read so far (metrics).
    public var observer: ((WatchEngine, Int) -> Void)?
    /// Gets every batch of events as it is read, before the engine does (`--sink`).
    public var eventTap: (([LogEvent]) throws -> Void)?
    /// Called when a poll found nothing new, and once when the input ends (a sink flushes then).
    public var onIdle: (() throws -> Void)?
    /// Called after every poll of the followed files, once everything it read
    /// has gone to `eventTap` and the engine (`checkpoints()` is whole then),
    /// and once more, with `true`, when following ends.
    public var afterPoll: ((_ final: Bool) throws -> Void)?

    /// The followed files and their extractors, kept between polls.
    private var files = [(follower: FileFollower, extractor: StreamingExtractor)]()
    private var folders = [(follower: FolderFollower, extractors: [FileIdentity.Inode: StreamingExtractor])]()

    /// A session: events go to `engine`, alerts to `emit`; it stops when `shouldStop` says so.
    public init(settings: ExtractionSettings, engine: WatchEngine, options: Options, diagnostics: Diagnostics,
                emit: @escaping (Alert) throws -> Void, shouldStop: @escaping () -> Bool) {
        self.settings = settings
        self.engine = engine
        self.options = options
        self.diagnostics = diagnostics
        self.emit = emit
        self.shouldStop = shouldStop
    }

    /// Watches `paths` (`-` is standard input) until the input ends (stdin,
    /// replay) or `shouldStop` says so; the last evaluation's alerts are emitted.
    public func run(paths: [String]) throws {
        let readsStandardInput = paths.contains("-")
        let filePaths = paths.filter { $0 != "-" }
        // Year-less times are placed from the same reference as analyze's, so a
        // replay and an analysis of the same files agree on every year.
        if settings.year == nil, !filePaths.isEmpty { yearReference = YearReference.scan(InputExpander.expand(filePaths).files) }
        if options.replay, !filePaths.isEmpty {
            try replay(filePaths)
        }
        if readsStandardInput {
            try followStandardInput()
        } else if !options.replay, !filePaths.isEmpty {
            try follow(filePaths)
        }
        try deliver(engine.evaluate())
        try onIdle?()
    }

    private func deliver(_ alerts: [Alert]) throws {
        for alert in alerts { try emit(alert) }
        observer?(engine, linesRead)
    }

    private func feed(_ events: [LogEvent]) throws {
        guard !events.isEmpty else { return }
        try eventTap?(events)
        try deliver(engine.ingest(events))
    }

    // MARK: - Standard input

    private func followStandardInput() throws {
        var extractor = StreamingExtractor(settings: settings, file: .standardInput)
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var atEnd = false
        while !atEnd, !shouldStop() {
            var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = options.replay ? 1 : poll(&descriptor, 1, options.pollMilliseconds)
            if ready == 0 {
                if engine.hasPendingEvents { try deliver(engine.evaluate()) }
                try onIdle?()
                continue
            }
            if ready < 0 { if errno == EINTR { continue }; break }
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; break }
            if count == 0 {
                atEnd = true
                if !pending.isEmpty, pending.last != 0x0A { pending.append(0x0A) }
            } else {
                pending.append(contentsOf: buffer[0..<count])
            }
            // A partial last line waits for its newline, unless it is already over-long.
            if pending.lastIndex(of: 0x0A) == nil, pending.count > settings.maxLineLength { pending.append(0x0A) }
            guard let lastNewline = pending.lastIndex(of: 0x0A) else { continue }
            let chunk = Array(pending[...lastNewline])
            pending.removeSubrange(...lastNewline)
            let before = extractor.linesRead
            let events = extractor.events(from: chunk)
            account(events, lines: extractor.linesRead - before, of: extractor)
            try feed(events)
            linesRead = extractor.linesRead
        }
    }

    // MARK: - Followed files

    /// Follows files (`FileFollower`, like `tail -F`) and folders (`FolderFollower`,
    /// every file by identity), each file with its own extractor, polling every
    /// `pollMilliseconds` while nothing new arrives.
    private func follow(_ paths: [String]) throws {
        var unused = options.resume
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let prefix = path.hasSuffix("/") ? path : path + "/"
                let inside = unused.filter { $0.path.hasPrefix(prefix) }
                unused.removeAll { $0.path.hasPrefix(prefix) }
                folders.append((FolderFollower(path: path, fromEnd: options.fromEnd, resumingAt: inside), [:]))
            } else {
                let file = InputFile(openPath: path, displayPath: path, modificationTime: InputExpander.modificationTime(path))
                if let index = unused.firstIndex(where: { $0.path == path }) {
                    let checkpoint = unused.remove(at: index)
                    let follower = FileFollower(path: path, displayPath: path, resumingAt: checkpoint)
                    let extractor = StreamingExtractor(settings: settings, file: file, yearReference: yearReference,
                                                       resumingAt: follower.resumed == .fromStart ? nil : checkpoint.resume)
                    describeResumption(follower.resumed, path: path, checkpoint: checkpoint)
                    files.append((follower, extractor))
                } else {
                    files.append((FileFollower(path: path, displayPath: path, fromEnd: options.fromEnd), StreamingExtractor(settings: settings, file: file, yearReference: yearReference)))
                }
            }
        }
        while !shouldStop() {
            var sawData = false
            for index in files.indices {
                for change in files[index].follower.poll() {
                    switch change {
                    case .restarted:
                        files[index].extractor.restart()
                    case .lines(let chunk):
                        sawData = true
                        try extract(chunk, with: &files[index].extractor)
                    }
                }
            }
            for index in folders.indices {
                for update in folders[index].follower.poll() {
                    switch update {
                    case .changed(let file, _, .restarted):
                        folders[index].extractors[file]?.restart()
                    case .changed(let file, let input, .lines(let chunk)):
                        sawData = true
                        var extractor = folders[index].extractors[file] ?? folderExtractor(index, file: file, input: input)
                        try extract(chunk, with: &extractor)
                        folders[index].extractors[file] = extractor
                    case .closed(let file):
                        folders[index].extractors[file] = nil
                    }
                }
            }
            try afterPoll?(false)
            if !sawData {
                if engine.hasPendingEvents { try deliver(engine.evaluate()) }
                try onIdle?()
                usleep(useconds_t(options.pollMilliseconds) * 1000)
            }
        }
        try afterPoll?(true)
        for index in files.indices { files[index].follower.close() }
        for index in folders.indices { folders[index].follower.close() }
    }

    /// Adds what one chunk of `extractor`'s input gave to its account.
    private func account(_ events: [LogEvent], lines: Int, of extractor: StreamingExtractor) {
        let path = extractor.file.displayPath
        inputAccounts[path, default: InputAccount(path: path, format: "text")].count(events, lines: lines, format: extractor.format)
    }

    /// The extractor for a file a folder follower found: numbering goes on
    /// from the checkpoint it was resumed at, if any.
    private func folderExtractor(_ folder: Int, file: FileIdentity.Inode, input: InputFile) -> StreamingExtractor {
        StreamingExtractor(settings: settings, file: input, yearReference: yearReference,
                           resumingAt: folders[folder].follower.resumePoint(of: file))
    }

    /// Says on stderr how a followed file went on from its checkpoint when it could not simply go on in place.
    private func describeResumption(_ resumed: FileFollower.Resumption?, path: String, checkpoint: FileCheckpoint) {
        switch resumed {
        case .inRotatedFile(let rotated):
            diagnostics.note("\(path): rotated since the last run; reading the rest of it in \(rotated) from byte \(checkpoint.resume.offset), then \(path) from its start")
        case .fromStart:
            diagnostics.warn("\(path): the file of the last run's checkpoint is gone (replaced or truncated); reading \(path) from its start")
        case .atOffset, nil:
            break
        }
    }

    /// Where a later run goes on in every followed file: identity, offset,
    /// lines and last time of what has been handed to `eventTap` so far.
    /// Whole after each `afterPoll`.
    package func checkpoints() -> [FileCheckpoint] {
        var result = [FileCheckpoint]()
        for entry in files {
            guard let position = entry.follower.position else { continue }
            result.append(FileCheckpoint(path: entry.follower.path, identity: position.identity, size: position.offset, isGzip: false,
                                         resume: entry.extractor.resumePoint(atOffset: position.offset)))
        }
        for folder in folders {
            for position in folder.follower.positions {
                let resume = folder.extractors[position.file]?.resumePoint(atOffset: position.offset)
                    ?? ResumePoint(offset: position.offset, lines: 0, lastTime: nil)
                result.append(FileCheckpoint(path: position.path, identity: position.identity, size: position.offset, isGzip: false, resume: resume))
            }
        }
        return result
    }

    /// Extracts a followed file's new lines, counting them, and feeds their events to the engine.
    private func extract(_ chunk: [UInt8], with extractor: inout StreamingExtractor) throws {
        let before = extractor.linesRead
        let events = extractor.events(from: chunk)
        linesRead += extractor.linesRead - before
        account(events, lines: extractor.linesRead - before, of: extractor)
        try feed(events)
    }

    // MARK: - Replay

    /// Reads finished files merged in time order, as they would have streamed live.
    private func replay(_ paths: [String]) throws {
        let (files, errors) = InputExpander.expand(paths)
        for error in errors { diagnostics.error(error.description) }
        var cursors = [ReplayCursor]()
        for file in files {
            do {
                cursors.append(try ReplayCursor(file: file, settings: settings, yearReference: yearReference))
            } catch {
                diagnostics.error(error.description)
            }
        }
        var batch = [LogEvent]()
        while !shouldStop() {
            var best: Int?
            for index in cursors.indices {
                guard let next = cursors[index].peek(diagnostics: diagnostics) else { continue }
                guard let bestIndex = best, let bestTime = cursors[bestIndex].peek(diagnostics: diagnostics)?.time else { best = index; continue }
                if (next.time ?? .min) < bestTime { best = index }
            }
            guard let chosen = best else { break }
            batch.append(cursors[chosen].take())
            if batch.count >= 4096 {
                for cursor in cursors { inputAccounts[cursor.account.path] = cursor.account }
                try feed(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        for cursor in cursors { inputAccounts[cursor.account.path] = cursor.account }
        try feed(batch)
        linesRead += cursors.reduce(0) { $0 + $1.linesRead }
        for cursor in cursors { cursor.close() }
    }
}

/// One finished file read chunk by chunk for a time-merged replay.
struct ReplayCursor {
    private var chunker: LineChunker<OpenedInput>
    private var extractor: StreamingExtractor
    private var pending: [LogEvent] = []
    private var position = 0
    private var finished = false
    private let input: OpenedInput

    init(file: InputFile, settings: ExtractionSettings, yearReference: Int64?) throws(InputError) {
        input = try OpenedInput(file)
        chunker = LineChunker(source: input, maxLineLength: settings.maxLineLength)
        extractor = StreamingExtractor(settings: settings, file: file, yearReference: yearReference)
        account = InputAccount(path: file.displayPath, format: "text")
    }

    var linesRead: Int { extractor.linesRead }
    /// What the file gave so far.
    private(set) var account: InputAccount

    mutating func peek(diagnostics: Diagnostics) -> LogEvent? {
        while position >= pending.count, !finished {
            do {
                if let chunk = try chunker.nextChunk() {
                    let before = extractor.linesRead
                    pending = extractor.events(from: chunk)
                    position = 0
                    account.count(pending, lines: extractor.linesRead - before, format: extractor.format)
                } else {
                    finished = true
                }
            } catch {
                diagnostics.error(error.description)
                finished = true
            }
        }
        return position < pending.count ? pending[position] : nil
    }

    mutating func take() -> LogEvent {
        position += 1
        return pending[position - 1]
    }

    func close() { input.close() }
}
