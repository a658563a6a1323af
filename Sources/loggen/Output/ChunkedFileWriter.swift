import Foundation

/// Writes a large file from a `LineBuffer` in chunks of a few megabytes.
///
/// The bench generator fills the buffer with lines, hands it over whenever it
/// passes `chunkSize`, and reuses the same allocation for the next chunk: one
/// `write` per chunk and no per-line I/O.
struct ChunkedFileWriter: ~Copyable {
    private let handle: FileHandle
    /// Bytes handed to the file so far.
    private(set) var bytesWritten = 0
    /// Size at which `flushIfFull` writes the buffer out.
    let chunkSize: Int

    /// Creates (or truncates) the file at `path`.
    init(path: String, chunkSize: Int = 4 << 20) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw LoggenError.cannotWrite(path)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw LoggenError.cannotWrite(path)
        }
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// Writes and empties `buffer` once it holds at least `chunkSize` bytes.
    mutating func flushIfFull(_ buffer: inout LineBuffer) throws {
        if buffer.count >= chunkSize { try flush(&buffer) }
    }

    /// Writes and empties `buffer`.
    mutating func flush(_ buffer: inout LineBuffer) throws {
        guard buffer.count > 0 else { return }
        try buffer.bytes.withUnsafeBytes { raw in
            try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!),
                                              count: raw.count, deallocator: .none))
        }
        bytesWritten += buffer.count
        buffer.removeAll()
    }

    /// Flushes what is left and closes the file.
    consuming func close(_ buffer: inout LineBuffer) throws {
        try flush(&buffer)
        try handle.close()
    }
}
