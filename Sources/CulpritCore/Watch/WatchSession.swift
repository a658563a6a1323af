import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `watch`: reads standard input and followed files or directories,
/// feeds their events to a `WatchEngine`, and hands each alert to `emit` as it
/// fires. With `replay`, finished files are read as fast as possible, merged
/// in time order across files, and the run ends at their end.
public final class WatchSession {
    public struct Options: Sendable {
        /// Read finished input as a stream and stop at its end.
        public var replay = false
        /// Start followed files at their end, like `tail -F` (live mode only).
        public var fromEnd = false
        /// How often followed files are polled, in milliseconds.
        public var pollMilliseconds: Int32 = 200

        public init() {}
    }

    public private(set) var engine: WatchEngine
    let settings: ExtractionSettings
    let options: Options
    let diagnostics: Diagnostics
    let emit: (Alert) throws -> Void
    let shouldStop: () -> Bool
    public private(set) var linesRead = 0
    /// Called after each evaluation with the engine and the lines read so far (metrics).
    public var observer: ((WatchEngine, Int) -> Void)?

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
        if options.replay, !filePaths.isEmpty {
            try replay(filePaths)
        }
        if readsStandardInput {
            try followStandardInput()
        } else if !options.replay, !filePaths.isEmpty {
            try follow(filePaths)
        }
        try deliver(engine.evaluate())
    }

    private func deliver(_ alerts: [Alert]) throws {
        for alert in alerts { try emit(alert) }
        observer?(engine, linesRead)
    }

    private func feed(_ events: [LogEvent]) throws {
        guard !events.isEmpty else { return }
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
            try feed(extractor.events(from: chunk))
            linesRead = extractor.linesRead
        }
    }

    // MARK: - Followed files

    private func follow(_ paths: [String]) throws {
        var followers = [String: (follower: FileFollower, extractor: StreamingExtractor)]()
        var lastScan = Date.distantPast
        var firstScan = true
        while !shouldStop() {
            if Date().timeIntervalSince(lastScan) >= 2 {
                // A file renamed by rotation (app.log → app.log.1) is still read through
                // its follower's descriptor: do not start reading it again under the new name.
                let followed = Set(followers.values.map(\.follower.identity))
                for file in currentFiles(paths) where followers[file.openPath] == nil {
                    var status = stat()
                    if stat(file.openPath, &status) == 0, followed.contains("\(UInt64(status.st_dev)):\(UInt64(status.st_ino))") { continue }
                    let follower = FileFollower(path: file.openPath, displayPath: file.displayPath, fromEnd: firstScan && options.fromEnd)
                    followers[file.openPath] = (follower, StreamingExtractor(settings: settings, file: file))
                }
                firstScan = false
                lastScan = Date()
            }
            var sawData = false
            for key in followers.keys.sorted() {
                var entry = followers[key]!
                for change in entry.follower.poll() {
                    switch change {
                    case .restarted:
                        entry.extractor.restart()
                    case .lines(let chunk):
                        sawData = true
                        try feed(entry.extractor.events(from: chunk))
                    }
                }
                followers[key] = entry
            }
            if !sawData {
                if engine.hasPendingEvents { try deliver(engine.evaluate()) }
                usleep(useconds_t(options.pollMilliseconds) * 1000)
            }
        }
    }

    /// The files `paths` name now: files as given, directories walked (new files appear).
    private func currentFiles(_ paths: [String]) -> [InputFile] {
        var files = [InputFile]()
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                files += InputExpander.expand([path]).files
            } else {
                files.append(InputFile(openPath: path, displayPath: path))
            }
        }
        return files
    }

    // MARK: - Replay

    /// Reads finished files merged in time order, as they would have streamed live.
    private func replay(_ paths: [String]) throws {
        let (files, errors) = InputExpander.expand(paths)
        for error in errors { diagnostics.error(error.description) }
        var cursors = [ReplayCursor]()
        for file in files {
            do {
                cursors.append(try ReplayCursor(file: file, settings: settings))
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
                try feed(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
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

    init(file: InputFile, settings: ExtractionSettings) throws(InputError) {
        input = try OpenedInput(file)
        chunker = LineChunker(source: input, maxLineLength: settings.maxLineLength)
        extractor = StreamingExtractor(settings: settings, file: file)
    }

    var linesRead: Int { extractor.linesRead }

    mutating func peek(diagnostics: Diagnostics) -> LogEvent? {
        while position >= pending.count, !finished {
            do {
                if let chunk = try chunker.nextChunk() {
                    pending = extractor.events(from: chunk)
                    position = 0
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
