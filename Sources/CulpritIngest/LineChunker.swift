/// Cuts a byte stream into chunks of whole lines, never holding a file in memory.
///
/// Each chunk ends with `\n` (one is added after a last line without it). A line
/// longer than `maxLineLength` is cut there and the rest of it skipped; the cut is
/// counted in `truncatedLines`. A UTF-8 byte order mark at the start is dropped.
/// In `streaming` mode a chunk is handed out as soon as a read brings a complete
/// line, so a live pipe is processed line by line as it arrives.
package struct LineChunker<Source: ByteSource> {
    package static var defaultChunkSize: Int { 2 << 20 }
    package static var defaultMaxLineLength: Int { 1 << 20 }

    private var source: Source
    private let chunkSize: Int
    private let maxLineLength: Int
    private let streaming: Bool
    private var pending: [UInt8] = []
    /// Reused for every read, so reading never zero-fills a fresh buffer.
    private var readBuffer: [UInt8] = []
    private var atEnd = false
    private var skippingRestOfLine = false
    private var atStart = true
    package private(set) var truncatedLines = 0
    package private(set) var bytesRead = 0
    /// Bytes of a last line that had no newline when the input ended: a
    /// checkpoint stops before them, so the line is read whole next time.
    package private(set) var unterminatedTailBytes = 0

    package init(source: Source, chunkSize: Int = defaultChunkSize, maxLineLength: Int = defaultMaxLineLength, streaming: Bool = false) {
        self.source = source
        self.chunkSize = max(chunkSize, 4096)
        self.maxLineLength = max(maxLineLength, 16)
        self.streaming = streaming
    }

    /// The wrapped source, e.g. to ask a gzip source whether it was truncated.
    package var underlyingSource: Source { source }

    /// The next chunk of whole lines, or nil at the end of input.
    package mutating func nextChunk() throws(InputError) -> [UInt8]? {
        while true {
            if let chunk = takeChunk(force: atEnd) { return chunk }
            if atEnd { return nil }
            try fill()
        }
    }

    private mutating func fill() throws(InputError) {
        let want = max(chunkSize - pending.count, 64 * 1024)
        let got: Int
        if pending.count <= 64 * 1024 {
            // Usual case (a file): only a partial line is pending. Read straight into a
            // fresh buffer behind a copy of it, so the bulk of the data is copied by no one.
            let kept = pending.count
            var failure: InputError?
            var read = 0
            let buffer = [UInt8](unsafeUninitializedCapacity: kept + want) { storage, initialized in
                pending.withUnsafeBufferPointer { old in
                    if kept > 0 { storage.baseAddress!.initialize(from: old.baseAddress!, count: kept) }
                }
                do throws(InputError) {
                    read = try source.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: storage[kept..<(kept + want)])))
                } catch {
                    failure = error
                }
                initialized = kept + read
            }
            if let failure { throw failure }
            got = read
            pending = buffer
        } else {
            // A pipe filling a chunk in small reads: append to what is pending.
            if readBuffer.count < want { readBuffer = [UInt8](repeating: 0, count: want) }
            got = try readBuffer.withUnsafeMutableBytes { raw in
                Result { () throws(InputError) in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
                }
            }.get()
            pending.append(contentsOf: readBuffer[0..<got])
        }
        bytesRead += got
        if got == 0 { atEnd = true }
        if atStart, pending.count >= 3 || atEnd {
            atStart = false
            if pending.count >= 3, pending[0] == 0xEF, pending[1] == 0xBB, pending[2] == 0xBF { pending.removeFirst(3) }
        }
        if skippingRestOfLine { dropUntilNewline() }
    }

    private mutating func dropUntilNewline() {
        if let newline = pending.firstIndex(of: 0x0A) {
            pending.removeFirst(newline + 1)
            skippingRestOfLine = false
        } else {
            pending.removeAll(keepingCapacity: true)
        }
    }

    private mutating func takeChunk(force: Bool) -> [UInt8]? {
        if skippingRestOfLine { return nil }
        guard !pending.isEmpty else { return nil }
        let ready = force || pending.count >= chunkSize || (streaming && pending.last == 0x0A)
        if !ready {
            if streaming, pending.contains(0x0A) {
                return splitAtLastNewline()
            }
            if pending.count >= maxLineLength, !pending.prefix(maxLineLength).contains(0x0A) {
                return truncateLongLine()
            }
            return nil
        }
        if let chunk = splitAtLastNewline() { return chunk }
        if force {
            var chunk = pending
            unterminatedTailBytes = pending.count
            pending = []
            if chunk.count > maxLineLength {
                chunk.removeLast(chunk.count - maxLineLength)
                truncatedLines += 1
            }
            chunk.append(0x0A)
            return chunk
        }
        if pending.count >= maxLineLength { return truncateLongLine() }
        return nil
    }

    private mutating func splitAtLastNewline() -> [UInt8]? {
        guard let last = pending.lastIndex(of: 0x0A) else { return nil }
        // The buffer itself becomes the chunk; only the partial line after it is copied.
        var chunk = Array(pending[(last + 1)...])
        pending.removeSubrange((last + 1)...)
        swap(&chunk, &pending)
        return chunk
    }

    private mutating func truncateLongLine() -> [UInt8] {
        var chunk = Array(pending.prefix(maxLineLength))
        chunk.append(0x0A)
        pending.removeFirst(maxLineLength)
        truncatedLines += 1
        skippingRestOfLine = true
        dropUntilNewline()
        return chunk
    }
}
