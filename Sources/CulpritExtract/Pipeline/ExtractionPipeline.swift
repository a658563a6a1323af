import Dispatch
import Foundation
import CulpritModel
import CulpritIngest

/// Reads inputs and extracts their events, using every core: chunks of whole
/// lines (from one file or several small ones) are extracted in parallel, then
/// handed to the consumer strictly in input order.
///
/// Per batch: read up to `batchSize` chunks and number their lines → extract and
/// `render` them in parallel (e.g. NDJSON bytes) → carry times across chunks and
/// `consume` in order. Memory stays at about 2 × batchSize × chunkSize.
public final class ExtractionPipeline {
    /// How events are extracted.
    public let settings: ExtractionSettings
    /// Where warnings about inputs go.
    public let diagnostics: Diagnostics
    /// Chunks read and extracted in parallel per batch.
    public let batchSize: Int
    /// The size of a chunk, bytes (a longer line makes its chunk longer).
    public let chunkSize: Int
    /// Bytes read from inputs so far (decompressed for gzip).
    public private(set) var bytesRead = 0
    /// Bytes of every chunk handed on so far (for progress while files are still open).
    public private(set) var bytesProcessed = 0
    /// Lines read so far.
    public private(set) var linesRead = 0
    /// Inputs read so far.
    public private(set) var filesRead = 0

    /// A pipeline; `batchSize` defaults to twice the active cores.
    public init(settings: ExtractionSettings, diagnostics: Diagnostics, batchSize: Int? = nil, chunkSize: Int = 1 << 20) {
        self.settings = settings
        self.diagnostics = diagnostics
        self.batchSize = batchSize ?? max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        self.chunkSize = chunkSize
    }

    /// One chunk waiting to be extracted, with the index of its file in the run.
    private struct PendingChunk {
        var fileIndex: Int
        var bytes: [UInt8]
    }

    /// A reader over one open input.
    private struct OpenFile {
        var state: FileExtractionState
        var chunker: LineChunker<OpenedInput>
        var input: OpenedInput
        /// For files of multi-line entries: the unfinished entry between chunks.
        var carry: EntryCarry?
    }

    /// Extracts every file; `render` runs concurrently on each chunk's events
    /// (already numbered and timed), `consume` gets the rendered chunks in order.
    ///
    /// Several batches are in flight: while the workers extract them, this thread
    /// reads the next and hands on the oldest, so reading and writing overlap the work.
    public func run<Rendered>(
        files: [InputFile],
        render: @escaping @Sendable ([LogEvent]) -> Rendered,
        consume: (Rendered) throws -> Void
    ) rethrows {
        yearReference = settings.year == nil ? YearReference.scan(files) : nil
        var reader = BatchReader(files: files)
        var inFlight = [InFlightBatch<Rendered>]()
        defer { for batch in inFlight { batch.group.wait() } }
        var readAll = false
        while true {
            // Keep the workers fed: up to `batchesInFlight` batches are read ahead
            // of the one being handed on.
            while !readAll, inFlight.count < Self.batchesInFlight {
                let batch = fillBatch(&reader)
                // A last round may hold no chunk yet close files (the last one ended
                // exactly at a chunk boundary): it is still handed on, so those files
                // are accounted for and their cut lines reported.
                if batch.chunks.isEmpty { readAll = true }
                if !batch.chunks.isEmpty || !batch.closedFiles.isEmpty { inFlight.append(launch(batch, reader: &reader, render: render)) }
            }
            guard !inFlight.isEmpty else { break }
            try finish(inFlight.removeFirst(), reader: &reader, render: render, consume: consume)
        }
        for message in PatternLimitReport.messages(patternsGaveUp, patterns: settings.patterns) { diagnostics.warn(message) }
    }

    /// Records each pattern gave up on at PCRE2's backtracking limits, so far.
    public private(set) var patternsGaveUp: [Int: Int] = [:]

    /// Batches being extracted at once; the oldest is handed on while the others run.
    static let batchesInFlight = 2

    /// Files being read: which is open, which comes next, and each one's state.
    private struct BatchReader {
        let files: [InputFile]
        var states: [FileExtractionState?]
        var nextFile = 0
        var current: (index: Int, file: OpenFile)?
        var firstChunks = [Int: [UInt8]]()
        /// The first 4 KiB of each open file, to say what a file that yielded nothing looks like.
        var samples = [Int: [UInt8]]()
        /// The line number each open file's next chunk starts after, counted as
        /// chunks are read (ahead of the batches still being extracted).
        var nextLine = [Int: Int]()

        init(files: [InputFile]) {
            self.files = files
            states = [FileExtractionState?](repeating: nil, count: files.count)
        }
    }

    /// One batch of chunks, and the files that closed while it was read.
    private struct Batch {
        var chunks: [PendingChunk] = []
        var closedFiles: [(index: Int, chunkerCuts: Int)] = []
    }

    /// A batch whose chunks are being extracted on the workers.
    private struct InFlightBatch<Rendered> {
        var batch: Batch
        var group: DispatchGroup
        var output: ResultSlots<ChunkOutput<Rendered>>
    }

    /// Reads up to `batchSize` chunks, opening files as the previous ones end.
    private func fillBatch(_ reader: inout BatchReader) -> Batch {
        var batch = Batch()
        while batch.chunks.count < batchSize {
            if reader.current == nil {
                guard reader.nextFile < reader.files.count else { break }
                let index = reader.nextFile
                reader.nextFile += 1
                guard let (opened, first) = open(reader.files[index]) else { continue }
                reader.states[index] = opened.state
                reader.current = (index, opened)
                if let first {
                    reader.firstChunks[index] = first
                    reader.samples[index] = Array(first.prefix(4096))
                }
            }
            guard case (let index, var file)? = reader.current else { break }
            if let first = reader.firstChunks.removeValue(forKey: index) {
                batch.chunks.append(PendingChunk(fileIndex: index, bytes: first))
                continue
            }
            do {
                if let chunk = try file.chunker.nextChunk() {
                    if let whole = file.carry == nil ? chunk : file.carry!.take(chunk) {
                        batch.chunks.append(PendingChunk(fileIndex: index, bytes: whole))
                    }
                    reader.current = (index, file)
                } else {
                    if let rest = file.carry?.rest() { batch.chunks.append(PendingChunk(fileIndex: index, bytes: rest)) }
                    batch.closedFiles.append((index, close(&file)))
                    reader.current = nil
                }
            } catch {
                diagnostics.error("\(error.description) (after line \(reader.nextLine[index] ?? reader.states[index]!.linesBefore))")
                batch.closedFiles.append((index, close(&file)))
                reader.current = nil
            }
        }
        return batch
    }

    /// Numbers the batch's lines (count the newlines) and starts extracting it.
    private func launch<Rendered>(_ batch: Batch, reader: inout BatchReader,
                                  render: @escaping @Sendable ([LogEvent]) -> Rendered) -> InFlightBatch<Rendered> {
        bytesProcessed += batch.chunks.reduce(0) { $0 + $1.bytes.count }
        // Line numbers are known before extraction, so each worker numbers and renders
        // its own chunk; only a chunk whose first records need a time from the chunks
        // before it is rendered when the batch is handed on, in order.
        var lineBases = [Int](repeating: 0, count: batch.chunks.count)
        for index in batch.chunks.indices {
            let file = batch.chunks[index].fileIndex
            let base = reader.nextLine[file] ?? reader.states[file]!.linesBefore
            lineBases[index] = base
            reader.nextLine[file] = base + Self.countLines(batch.chunks[index].bytes)
        }
        let contexts = batch.chunks.map { reader.states[$0.fileIndex]!.context }
        let output = ResultSlots<ChunkOutput<Rendered>>(count: batch.chunks.count)
        let group = DispatchGroup()
        let settings = settings
        let chunks = batch.chunks
        let lines = lineBases
        for index in chunks.indices {
            DispatchQueue.global().async(group: group) {
                let extractor = ChunkExtractor(settings: settings, context: contexts[index])
                var result = chunks[index].bytes.withUnsafeBufferPointer { extractor.extract($0) }
                let base = lines[index]
                if base > 0 {
                    for event in result.events.indices { result.events[event].ref.line += base }
                }
                var rendered: Rendered?
                if result.needsEarlierTime.isEmpty {
                    rendered = render(result.events)
                    result.events = []
                }
                output.store(ChunkOutput(result: result, rendered: rendered), at: index)
            }
        }
        return InFlightBatch(batch: batch, group: group, output: output)
    }

    /// Waits for a batch and hands its chunks on in order.
    private func finish<Rendered>(_ inFlight: InFlightBatch<Rendered>, reader: inout BatchReader,
                                  render: @escaping @Sendable ([LogEvent]) -> Rendered,
                                  consume: (Rendered) throws -> Void) rethrows {
        inFlight.group.wait()
        var outputs = inFlight.output.values()
        let chunks = inFlight.batch.chunks
        for index in chunks.indices {
            let file = chunks[index].fileIndex
            if outputs[index].rendered == nil {
                let lastTime = reader.states[file]!.lastTime
                for event in outputs[index].result.needsEarlierTime where outputs[index].result.events[event].time == nil {
                    outputs[index].result.events[event].time = lastTime
                    if lastTime != nil { outputs[index].result.events[event].timeQuality = .estimated } else { outputs[index].result.undatedCount += 1 }
                }
                outputs[index].rendered = render(outputs[index].result.events)
            }
            reader.states[file]!.advance(past: outputs[index].result)
            linesRead += outputs[index].result.lineCount
            for (pattern, hits) in outputs[index].result.patternsGaveUp { patternsGaveUp[pattern, default: 0] += hits }
            try consume(outputs[index].rendered!)
        }
        // The batch's outputs (for analyze, every event in it) are freed on a worker:
        // this thread hands batches on in order and is the one to keep free.
        let release = DeferredRelease(outputs)
        outputs = []
        DispatchQueue.global().async { release.drop() }
        // A file closed while this batch was read reports its cut lines once all are numbered.
        for (index, chunkerCuts) in inFlight.batch.closedFiles {
            reportTruncation(reader.states[index]!, chunkerCuts: chunkerCuts)
            account(reader.states[index]!, firstChunk: reader.samples.removeValue(forKey: index))
            finalStates[reader.states[index]!.context.file.displayPath] = reader.states[index]!
            reader.states[index] = nil
            reader.nextLine[index] = nil
        }
    }

    /// What became of each file read, for checkpoints (in the order files closed).
    public private(set) var outcomes: [FileOutcome] = []
    /// Lines counted once all of a file's chunks were numbered, by display path.
    package private(set) var finalStates: [String: FileExtractionState] = [:]

    /// What became of each input, in the order they were done with.
    public private(set) var accounts: [InputAccount] = []

    /// Names a read file that yielded nothing, with what it looks like.
    private func account(_ state: FileExtractionState, firstChunk: [UInt8]?) {
        let file = state.context.file
        var account = InputAccount(path: file.displayPath, format: state.context.envelope.rawValue, lines: state.linesBefore,
                                   events: state.events, undated: state.undated)
        if account.yieldedNothing {
            account.looksLike = firstChunk.flatMap(ContentShape.describe)
            let lines = state.linesBefore - (file.resume?.lines ?? 0)
            if file.resume == nil || lines > 0 {
                diagnostics.warn("\(file.displayPath): \(lines) line\(lines == 1 ? "" : "s") read, nothing recognised"
                                 + (account.looksLike.map { " (looks like \($0))" } ?? "")
                                 + "; add a pattern pack with --patterns if it should be")
            }
        }
        accounts.append(account)
    }

    /// When the run's logs are from, for year-less timestamps.
    private var yearReference: Int64?

    private func open(_ file: InputFile) -> (OpenFile, [UInt8]?)? {
        let input: OpenedInput
        do {
            input = try OpenedInput(file)
        } catch {
            diagnostics.error(error.description)
            accounts.append(InputAccount(path: file.displayPath, format: "unreadable", skipped: error.message))
            return nil
        }
        if file.foundInDirectory, let reason = NonLogFiles.reason(file.displayPath) {
            accounts.append(InputAccount(path: file.displayPath, format: "other", skipped: reason))
            input.close()
            return nil
        }
        var chunker = LineChunker(source: input, chunkSize: chunkSize, maxLineLength: settings.maxLineLength)
        let first: [UInt8]?
        do {
            first = try chunker.nextChunk()
        } catch {
            diagnostics.error(error.description)
            input.close()
            return nil
        }
        filesRead += 1
        if let first, first.withUnsafeBufferPointer(BinarySniffer.isBinary) {
            diagnostics.warn("\(file.displayPath): binary file, skipped")
            accounts.append(InputAccount(path: file.displayPath, format: "binary", skipped: "binary file"))
            input.close()
            return nil
        }
        let envelope = first.map(Self.detectEnvelope) ?? .text
        var context = FileContext(file: file, envelope: envelope, settings: settings, yearReference: yearReference)
        if let first { context.anchorYears(firstChunk: first, settings: settings) }
        var carry = envelope == .journalExport ? EntryCarry() : nil
        let firstWhole = carry == nil ? first : first.flatMap { carry!.take($0) }
        return (OpenFile(state: FileExtractionState(context: context, resume: file.resume), chunker: chunker, input: input, carry: carry),
                firstWhole)
    }

    /// Closes a file that has been read to its end; returns the lines its chunker cut.
    private func close(_ file: inout OpenFile) -> Int {
        bytesRead += file.chunker.bytesRead
        let tail = file.chunker.unterminatedTailBytes
        outcomes.append(FileOutcome(
            file: file.state.context.file, isGzip: file.input.isGzip,
            endOffset: (file.state.context.file.resume?.offset ?? 0) + Int64(file.chunker.bytesRead - tail),
            pendingLines: tail > 0 ? 1 : 0, truncated: file.chunker.underlyingSource.isTruncated))
        if file.chunker.underlyingSource.isTruncated {
            diagnostics.warn("\(file.state.context.file.displayPath): truncated gzip data; events up to the break were read")
        }
        file.input.close()
        return file.chunker.truncatedLines
    }

    private func reportTruncation(_ state: FileExtractionState, chunkerCuts: Int) {
        let cut = state.truncatedLines + chunkerCuts
        if cut > 0 {
            diagnostics.warn("\(state.context.file.displayPath): \(cut) line\(cut == 1 ? "" : "s") longer than \(settings.maxLineLength) bytes cut there")
        }
    }

    /// The envelope most of the chunk's first non-empty lines have.
    static func detectEnvelope(_ chunk: [UInt8]) -> EnvelopeKind {
        chunk.withUnsafeBufferPointer { buffer in
            var lines = [UnsafeBufferPointer<UInt8>]()
            var start = 0
            var index = 0
            while index < buffer.count, lines.count < EnvelopeKind.sampleLines {
                if buffer[index] == 0x0A {
                    var end = index
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    if end > start { lines.append(UnsafeBufferPointer(rebasing: buffer[start..<min(end, start + 4096)])) }
                    start = index + 1
                }
                index += 1
            }
            return EnvelopeKind.detect(lines)
        }
    }

    /// A chunk's result and, when it could be rendered in the worker, its rendering.
    private struct ChunkOutput<Rendered> {
        var result: ChunkResult
        var rendered: Rendered?
    }

    /// Lines in a chunk (every chunk ends with a newline).
    static func countLines(_ chunk: [UInt8]) -> Int {
        chunk.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var position = 0
            while position < buffer.count, let found = memchr(base + position, 0x0A, buffer.count - position) {
                count += 1
                position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            return count
        }
    }
}

/// Holds a value until `drop()` is called on another thread, so that freeing it
/// (possibly a million events) happens there.
final class DeferredRelease<Value>: @unchecked Sendable {
    // @unchecked: the value is handed over whole and only dropped, never read.
    private var value: Value?

    init(_ value: Value) { self.value = value }

    func drop() { value = nil }
}

/// Fixed slots that parallel workers fill, one slot each, read after all finish.
final class ResultSlots<Value>: @unchecked Sendable {
    // @unchecked: each index is written by exactly one worker, and read only
    // after the batch's dispatch group has been waited on (which orders the writes before it).
    // Raw storage, not an Array, so workers never contend on one array's access.
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: Value, at index: Int) { slots[index] = value }

    /// Moves the values out, leaving the slots empty.
    func values() -> [Value] { (0..<count).map { index in slots[index].take()! } }
}
