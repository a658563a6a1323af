import Dispatch
import Foundation

/// Reads inputs and extracts their events, using every core: chunks of whole
/// lines (from one file or several small ones) are extracted in parallel, then
/// handed to the consumer strictly in input order.
///
/// Per batch: read up to `batchSize` chunks → extract them in parallel → number
/// lines and carry times across chunks, in order → `render` in parallel (e.g.
/// NDJSON bytes) → `consume` in order. Memory stays at about batchSize × chunkSize.
public final class ExtractionPipeline {
    public let settings: ExtractionSettings
    public let diagnostics: Diagnostics
    public let batchSize: Int
    public let chunkSize: Int
    public private(set) var bytesRead = 0
    /// Bytes of every chunk handed on so far (for progress while files are still open).
    public private(set) var bytesProcessed = 0
    public private(set) var linesRead = 0
    public private(set) var filesRead = 0

    public init(settings: ExtractionSettings, diagnostics: Diagnostics, batchSize: Int? = nil, chunkSize: Int = 2 << 20) {
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
    }

    /// Extracts every file; `render` runs concurrently on each chunk's events
    /// (already numbered and timed), `consume` gets the rendered chunks in order.
    public func run<Rendered>(
        files: [InputFile],
        render: @escaping @Sendable ([LogEvent]) -> Rendered,
        consume: (Rendered) throws -> Void
    ) rethrows {
        yearReference = settings.year == nil ? YearReference.scan(files) : nil
        var states = [FileExtractionState?](repeating: nil, count: files.count)
        var nextFile = 0
        var current: (index: Int, file: OpenFile)?
        var firstChunks = [Int: [UInt8]]()

        while true {
            var batch = [PendingChunk]()
            while batch.count < batchSize {
                if current == nil {
                    guard nextFile < files.count else { break }
                    let index = nextFile
                    nextFile += 1
                    guard let (opened, first) = open(files[index]) else { continue }
                    states[index] = opened.state
                    current = (index, opened)
                    if let first { firstChunks[index] = first }
                }
                guard case (let index, var file)?  = current else { break }
                if let first = firstChunks.removeValue(forKey: index) {
                    batch.append(PendingChunk(fileIndex: index, bytes: first))
                    current = (index, file)
                    continue
                }
                do {
                    if let chunk = try file.chunker.nextChunk() {
                        batch.append(PendingChunk(fileIndex: index, bytes: chunk))
                        current = (index, file)
                    } else {
                        close(&file, index: index)
                        current = nil
                    }
                } catch {
                    diagnostics.error("\(error.description) (after line \(states[index]!.linesBefore))")
                    close(&file, index: index)
                    current = nil
                }
            }
            if batch.isEmpty { break }

            bytesProcessed += batch.reduce(0) { $0 + $1.bytes.count }
            var results = extractInParallel(batch, states: states)
            var ordered = [[LogEvent]]()
            ordered.reserveCapacity(batch.count)
            for index in batch.indices {
                linesRead += results[index].lineCount
                ordered.append(states[batch[index].fileIndex]!.absorb(&results[index]))
            }
            let rendered = renderInParallel(ordered, render)
            for piece in rendered { try consume(piece) }
            // A file closed while filling this batch reports its cut lines once all are numbered.
            for (index, chunkerCuts) in closedFiles {
                reportTruncation(states[index]!, chunkerCuts: chunkerCuts)
                finalStates[states[index]!.context.file.displayPath] = states[index]!
                states[index] = nil
            }
            closedFiles.removeAll()
        }
    }

    /// What became of each file read, for checkpoints (in the order files closed).
    public private(set) var outcomes: [FileOutcome] = []
    /// Lines counted once all of a file's chunks were numbered, by display path.
    public private(set) var finalStates: [String: FileExtractionState] = [:]

    /// When the run's logs are from, for year-less timestamps.
    private var yearReference: Int64?

    /// Files closed while filling the current batch, with the lines their chunker cut.
    private var closedFiles = [Int: Int]()

    private func open(_ file: InputFile) -> (OpenFile, [UInt8]?)? {
        let input: OpenedInput
        do {
            input = try OpenedInput(file)
        } catch {
            diagnostics.error(error.description)
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
            input.close()
            return nil
        }
        let envelope = first.map(Self.detectEnvelope) ?? .text
        let context = FileContext(file: file, envelope: envelope, settings: settings, yearReference: yearReference)
        return (OpenFile(state: FileExtractionState(context: context, resume: file.resume), chunker: chunker, input: input), first)
    }

    private func close(_ file: inout OpenFile, index: Int) {
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
        closedFiles[index] = file.chunker.truncatedLines
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

    private func extractInParallel(_ batch: [PendingChunk], states: [FileExtractionState?]) -> [ChunkResult] {
        let contexts = batch.map { states[$0.fileIndex]!.context }
        let output = ResultSlots<ChunkResult>(count: batch.count)
        let settings = settings
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let extractor = ChunkExtractor(settings: settings, context: contexts[index])
            let result = batch[index].bytes.withUnsafeBufferPointer { extractor.extract($0) }
            output.store(result, at: index)
        }
        return output.values()
    }

    private func renderInParallel<Rendered>(_ chunks: [[LogEvent]], _ render: @escaping @Sendable ([LogEvent]) -> Rendered) -> [Rendered] {
        let output = ResultSlots<Rendered>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            output.store(render(chunks[index]), at: index)
        }
        return output.values()
    }
}

/// Fixed slots that parallel workers fill, one slot each, read after all finish.
final class ResultSlots<Value>: @unchecked Sendable {
    // @unchecked: each index is written by exactly one worker, and read only
    // after concurrentPerform has returned (which orders the writes before it).
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
