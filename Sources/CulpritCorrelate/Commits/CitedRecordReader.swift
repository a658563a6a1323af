#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CulpritModel
import CulpritIngest
import CulpritExtract

/// Reads the records evidence cites back from their files, so the frames of a
/// stack trace below an error's first line can be seen.
///
/// A record is the cited line and the lines after it that the extraction's own
/// `ContinuationRules` join to it (indented frames, `Caused by:`, a Python
/// traceback, a Go crash dump, CRI partial lines), at most `maxLines`, so the
/// record is the one the event was made from. The cited line must still begin
/// with the evidence's text; when it does not (the file was rotated or
/// rewritten since) the record is left out.
///
/// An error spike or a crash cites one record a minute, often one without a
/// trace ("session lookup timed out") while the next error has it. So after a
/// record cited for `nearbySignals`, the records of the next `nearbyLines`
/// lines whose first line is at error level or worse (`LevelScanner`) are read
/// too, at most `nearbyRecords` of them, as records of the same signal.
///
/// Each file is read once, front to back, and only as far as it needs.
/// Standard input and anything that is not a regular file (a FIFO, `<(…)`)
/// cannot be read a second time and is skipped; gzip files are decompressed.
package struct CitedRecordReader {
    /// The most lines read for one record.
    package static let maxLines = 100
    /// The most bytes of one line kept.
    static let maxLineBytes = 64 * 1024
    /// Signals whose cited records bring their neighbouring error records along.
    package static let nearbySignals: Set<String> = ["error_spike", "crash"]
    /// How many lines after such a record are looked at, and how many error records there are read.
    package static let nearbyLines = 500
    package static let nearbyRecords = 20

    /// The path to open for each path refs print (`InputFile.displayPath` → `openPath`);
    /// a path not listed is opened as printed.
    package var openPaths: [String: String]

    package init(inputs: [InputFile]) {
        var paths = [String: String]()
        for input in inputs where paths[input.displayPath] == nil { paths[input.displayPath] = input.openPath }
        openPaths = paths
    }

    /// The records `cited` points at and their nearby error records, file by file
    /// in the order first cited, each file's in line order; each line is read once
    /// (the first signal citing it is kept). Lines that cannot be read are left out.
    package func read(_ cited: [(line: EvidenceLine, signal: String)]) -> [CitedRecord] {
        var wantedByPath = [String: [Int: (line: EvidenceLine, signal: String)]]()
        var paths = [String]()
        for item in cited where item.line.ref.line > 0 && wantedByPath[item.line.ref.path]?[item.line.ref.line] == nil {
            if wantedByPath[item.line.ref.path] == nil { paths.append(item.line.ref.path) }
            wantedByPath[item.line.ref.path, default: [:]][item.line.ref.line] = item
        }
        return paths.flatMap { read(path: $0, wanted: wantedByPath[$0] ?? [:]) }
    }

    private func read(path: String, wanted: [Int: (line: EvidenceLine, signal: String)]) -> [CitedRecord] {
        let openPath = openPaths[path] ?? path
        guard path != "-", openPath != "-", FileStatus(path: openPath)?.isRegular == true, !wanted.isEmpty,
              let input = try? OpenedInput(InputFile(openPath: openPath, displayPath: path)) else { return [] }
        defer { input.close() }
        var scanner = RecordScanner(path: path, wanted: wanted)
        var chunker = LineChunker(source: input)
        while !scanner.isDone {
            guard let chunk = try? chunker.nextChunk() else { break }
            chunk.withUnsafeBufferPointer { scanner.scan($0) }
        }
        scanner.finish()
        return scanner.records
    }

}

/// The line-by-line state of reading one file's records: every line either
/// continues the record above it or starts one, as in extraction; the records
/// wanted are collected.
private struct RecordScanner {
    let path: String
    let wanted: [Int: (line: EvidenceLine, signal: String)]
    let last: Int
    var lineNumber = 0
    var records = [CitedRecord]()
    /// The first non-empty lines, to tell a CRI file from others as the extraction does.
    var sample = [[UInt8]]()
    var envelope: EnvelopeKind?
    var rules = ContinuationRules()
    /// Lines of the record the last line belongs to, and whether that line was a CRI partial one.
    var recordLength = 0
    var partial = false
    /// The record being collected.
    var open: (ref: SourceRef, signal: String, lines: [String])?
    /// After a record cited for a nearby signal: its signal, the last line looked at, the records left to read.
    var nearby: (signal: String, until: Int, left: Int)?

    init(path: String, wanted: [Int: (line: EvidenceLine, signal: String)]) {
        self.path = path
        self.wanted = wanted
        last = wanted.keys.max() ?? 0
    }

    /// Past the last cited record and its neighbourhood.
    var isDone: Bool { lineNumber >= last && open == nil && nearby == nil }

    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let base = chunk.baseAddress else { return }
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ContinuationView.scratchSize)
        defer { scratch.deallocate() }
        var position = 0
        while position < chunk.count, !isDone {
            // Chunks from LineChunker end with a newline, so every line found here is whole.
            let newline = memchr(base + position, 0x0A, chunk.count - position)
            let lineEndWithNewline = newline.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? chunk.count
            var lineEnd = lineEndWithNewline
            if lineEnd > position, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: chunk[position..<min(lineEnd, position + CitedRecordReader.maxLineBytes)])
            position = lineEndWithNewline + 1
            lineNumber += 1
            take(line, scratch: scratch)
        }
    }

    private mutating func take(_ line: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) {
        if sample.count < EnvelopeKind.sampleLines, !line.isEmpty { sample.append(Array(line)) }
        let cited = wanted[lineNumber]
        if cited != nil, envelope == nil { envelope = Self.detect(sample) }
        let kind = envelope ?? .text
        let view = ContinuationView.messageStart(of: line, envelope: kind, scratch: scratch)
        if let until = nearby?.until, lineNumber > until { nearby = nil }
        if cited == nil, recordLength > 0, recordLength < CitedRecordReader.maxLines, partial || view.map({ rules.continues($0) }) == true {
            recordLength += 1
            partial = Self.isPartial(line, envelope: kind)
            open?.lines += Self.messages(line, envelope: kind)
            return
        }
        // A new record starts at this line.
        close()
        recordLength = 1
        partial = Self.isPartial(line, envelope: kind)
        rules.begin(view ?? UnsafeBufferPointer(start: nil, count: 0))
        if let cited {
            guard Self.begins(line, with: cited.line.text) else { return }
            open = (cited.line.ref, cited.signal, Self.messages(line, envelope: kind))
            nearby = CitedRecordReader.nearbySignals.contains(cited.signal)
                ? (cited.signal, lineNumber + CitedRecordReader.nearbyLines, CitedRecordReader.nearbyRecords) : nil
        } else if var neighbourhood = nearby, Self.isError(view ?? line) {
            open = (SourceRef(path: path, line: lineNumber), neighbourhood.signal, Self.messages(line, envelope: kind))
            neighbourhood.left -= 1
            nearby = neighbourhood.left > 0 ? neighbourhood : nil
        }
    }

    mutating func finish() { close() }

    private mutating func close() {
        guard let record = open else { return }
        records.append(CitedRecord(ref: record.ref, signal: record.signal, lines: record.lines))
        open = nil
    }

    static func detect(_ sample: [[UInt8]]) -> EnvelopeKind {
        // One buffer for all the lines, so every view points into memory that outlives the call.
        let joined = sample.flatMap { $0 }
        return joined.withUnsafeBufferPointer { buffer in
            var views = [UnsafeBufferPointer<UInt8>]()
            var start = 0
            for line in sample {
                views.append(UnsafeBufferPointer(rebasing: buffer[start..<start + line.count]))
                start += line.count
            }
            return EnvelopeKind.detect(views)
        }
    }

    /// Whether the line still starts the way the evidence recorded it (its
    /// first `LogEvent.excerptLimit` bytes, as the extraction cut them).
    static func begins(_ line: UnsafeBufferPointer<UInt8>, with text: String) -> Bool {
        ChunkExtractor.excerpt(line) == text
    }

    /// A first line at error level or worse.
    static func isError(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let severity = LevelScanner.scan(message) else { return false }
        return severity.rawValue <= Severity.error.rawValue
    }

    static func isPartial(_ line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind) -> Bool {
        envelope == .cri && CRIPrefix.parse(line)?.isPartial == true
    }

    /// A line's messages: a JSON object's string fields split at their line
    /// breaks, else the line after its CRI or timestamp prefix.
    static func messages(_ line: UnsafeBufferPointer<UInt8>, envelope: EnvelopeKind) -> [String] {
        if line.first == UInt8(ascii: "{"), let fields = JSONRecordParser.parse(line) {
            var lines = [String]()
            for (_, value) in fields.entries {
                guard case .string(let text) = value else { continue }
                lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            }
            return lines
        }
        var start = 0
        if envelope == .cri, let prefix = CRIPrefix.parse(line) {
            start = prefix.messageStart
        } else if let end = ContinuationView.timestampPrefixEnd(line) {
            start = end
        }
        return [String(decoding: UnsafeBufferPointer(rebasing: line[start...]), as: UTF8.self)]
    }
}
