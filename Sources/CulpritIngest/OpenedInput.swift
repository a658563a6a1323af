/// An input opened for reading: gzip is recognised by its magic bytes (not the
/// file name), so rotated `app.log.2.gz` and piped gzip both work.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package struct OpenedInput: ByteSource {
    private enum Backing {
        case plain(FileDescriptorSource)
        case gzip(GzipSource<PeekedSource>)
    }

    private var backing: Backing
    private let descriptorSource: FileDescriptorSource
    package let file: InputFile
    package let isGzip: Bool

    package init(_ file: InputFile) throws(InputError) {
        self.file = file
        let fd = file.isStandardInput ? FileDescriptorSource.standardInput : try FileDescriptorSource(opening: file.openPath, displayPath: file.displayPath)
        descriptorSource = fd
        if let resume = file.resume, resume.offset > 0 {
            // A checkpoint is only ever taken in a plain file: continue there.
            guard lseek(fd.descriptor, off_t(resume.offset), SEEK_SET) == off_t(resume.offset) else {
                fd.close()
                throw InputError(path: file.displayPath, message: "cannot seek to the checkpoint at byte \(resume.offset)")
            }
            backing = .plain(fd)
            isGzip = false
            return
        }
        var peeked = PeekedSource(upstream: fd)
        let magic = try peeked.peek(2)
        if magic.count == 2, magic[0] == 0x1F, magic[1] == 0x8B {
            backing = .gzip(try GzipSource(upstream: peeked, path: file.displayPath))
            isGzip = true
        } else {
            backing = .plain(fd)
            isGzip = false
            prefix = magic
        }
    }

    private var prefix: [UInt8] = []

    /// Whether a gzip input ended before its trailer.
    package var isTruncated: Bool {
        if case .gzip(let source) = backing { return source.isTruncated }
        return false
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if !prefix.isEmpty {
            let count = min(prefix.count, buffer.count)
            for index in 0..<count { buffer[index] = prefix[index] }
            prefix.removeFirst(count)
            return count
        }
        switch backing {
        case .plain(var source):
            let count = try source.read(into: buffer)
            backing = .plain(source)
            return count
        case .gzip(var source):
            let count = try source.read(into: buffer)
            backing = .gzip(source)
            return count
        }
    }

    package func close() { descriptorSource.close() }
}

/// A source that can look at its first bytes and then replay them.
package struct PeekedSource: ByteSource {
    private var upstream: FileDescriptorSource
    private var replay: [UInt8] = []

    init(upstream: FileDescriptorSource) { self.upstream = upstream }

    mutating func peek(_ count: Int) throws(InputError) -> [UInt8] {
        var scratch = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = try scratch.withUnsafeMutableBytes { raw in
                Result { () throws(InputError) in
                    try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
            }.get()
            if read == 0 { break }
            filled += read
        }
        replay = Array(scratch.prefix(filled))
        return replay
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if !replay.isEmpty {
            let count = min(replay.count, buffer.count)
            for index in 0..<count { buffer[index] = replay[index] }
            replay.removeFirst(count)
            return count
        }
        return try upstream.read(into: buffer)
    }
}
