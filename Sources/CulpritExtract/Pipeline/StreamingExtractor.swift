import CulpritModel
import CulpritIngest

/// Extracts events from one input's chunks as they arrive, on the caller's
/// thread: what `watch` uses for pipes and followed files, where lines come a
/// few at a time and order matters more than parallelism.
public struct StreamingExtractor {
    /// How events are extracted.
    public let settings: ExtractionSettings
    /// The input the chunks are of.
    public let file: InputFile
    private var state: FileExtractionState?
    /// For inputs of multi-line entries: the unfinished entry between chunks.
    private var carry: EntryCarry?
    /// Lines handed in so far.
    public private(set) var linesRead = 0

    /// When the run's other logs are from (`YearReference`), so year-less times
    /// are placed as `analyze` places them.
    public let yearReference: Int64?
    /// Where an earlier run stopped in this input: numbering and the last time go on from there.
    private var resume: ResumePoint?

    /// An extractor for `file`'s chunks.
    public init(settings: ExtractionSettings, file: InputFile, yearReference: Int64? = nil) {
        self.settings = settings
        self.file = file
        self.yearReference = yearReference
    }

    /// An extractor for `file`'s chunks from `resume` on (from the start when nil):
    /// its lines are numbered after the lines before it, and undated ones take its last time.
    package init(settings: ExtractionSettings, file: InputFile, yearReference: Int64?, resumingAt resume: ResumePoint?) {
        self.init(settings: settings, file: file, yearReference: yearReference)
        self.resume = resume
    }

    /// Where a later run goes on, when the chunks handed in so far end at
    /// `offset`: bytes held for an unfinished entry are read again then.
    package func resumePoint(atOffset offset: Int64) -> ResumePoint {
        guard let state else { return resume.map { ResumePoint(offset: offset, lines: $0.lines, lastTime: $0.lastTime) } ?? ResumePoint(offset: offset, lines: 0, lastTime: nil) }
        return ResumePoint(offset: max(0, offset - Int64(carry?.heldCount ?? 0)), lines: state.linesBefore, lastTime: state.lastTime)
    }

    /// The events of `chunk` (whole lines), numbered and timed within the input.
    public mutating func events(from chunk: [UInt8]) -> [LogEvent] {
        if state == nil {
            let envelope = ExtractionPipeline.detectEnvelope(chunk)
            var context = FileContext(file: file, envelope: envelope, settings: settings, yearReference: yearReference)
            context.anchorYears(firstChunk: chunk, settings: settings)
            state = FileExtractionState(context: context, resume: resume)
            carry = envelope == .journalExport ? EntryCarry() : nil
        }
        var whole = chunk
        if carry != nil {
            guard let entries = carry!.take(chunk) else { return [] }
            whole = entries
        }
        let extractor = ChunkExtractor(settings: settings, context: state!.context)
        var result = whole.withUnsafeBufferPointer { extractor.extract($0) }
        linesRead += result.lineCount
        return state!.absorb(&result)
    }

    /// The envelope the input is read as (`json`, `cri`, `text`…), once its first chunk was seen.
    public var format: String? { state?.context.envelope.rawValue }

    /// Starts numbering again from line 1 (the file was truncated or replaced).
    public mutating func restart() {
        state = nil
        carry = nil
        resume = nil
    }
}
