import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CulpritRender

/// Where a command's output goes: standard output (buffered; a closed pipe, as
/// with `| head`, ends the run quietly) or `-o FILE`, written to a temporary file
/// beside it and renamed into place on success, so readers never see half a report.
public final class OutputSink {
    /// Standard output was closed by the reader: stop quietly.
    public struct Closed: Error {}

    /// The output could not be written (disk full, file too large, no
    /// permission): the run's result is lost, which is not bad input.
    public struct Failure: Error, CustomStringConvertible {
        /// The output file.
        public var path: String
        /// The system's reason (`No space left on device`).
        public var reason: String
        /// `path: cannot write output: reason`.
        public var description: String { "\(path): cannot write output: \(reason)" }
    }

    private let descriptor: Int32
    private let finalPath: String?
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    /// Whether `finish()` has run.
    public private(set) var isFinished = false

    /// Standard output.
    public init() {
        descriptor = 1
        finalPath = nil
        temporaryPath = nil
        signal(SIGPIPE, SIG_IGN)
    }

    /// `path`, written atomically.
    public init(path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(url.lastPathComponent).culprit-\(getpid())-tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
        finalPath = path
        temporaryPath = temporary
        // Past the file-size limit a write fails with EFBIG (reported, temporary
        // file removed) instead of SIGXFSZ killing the process mid-file.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Whether output goes to a terminal (for colour and the default format).
    public var isTerminal: Bool { finalPath == nil && isatty(1) == 1 }

    /// Buffers `bytes`, writing when the buffer is full.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }

    /// Writes what `writer` holds, straight from its memory.
    public func write(_ writer: JSONByteWriter) throws {
        try writer.withBytes { try write($0) }
    }

    /// Buffers `bytes`, writing when the buffer is full.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        // A block as large as the buffer goes out as it is, without being copied.
        if bytes.count >= flushThreshold {
            try flush()
            try writeOut(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Buffers `text` as UTF-8.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Writes out what is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBufferPointer { try writeOut($0) }
    }

    private func writeOut(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw Closed() }
                throw Failure(path: finalPath ?? "-", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Flushes and, for a file, moves it into place.
    public func finish() throws {
        guard !isFinished else { return }
        isFinished = true
        try flush()
        if let finalPath, let temporaryPath {
            // A full disk can surface only here, when the data reaches it.
            let synced = fsync(descriptor) == 0 ? nil : errno
            let closed = close(descriptor) == 0 ? nil : errno
            if let failed = synced.flatMap({ $0 == EINVAL ? nil : $0 }) ?? closed {
                unlink(temporaryPath)
                throw Failure(path: finalPath, reason: String(cString: strerror(failed)))
            }
            guard rename(temporaryPath, finalPath) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw Failure(path: finalPath, reason: reason)
            }
        }
    }

    /// Drops a half-written output file (the run failed).
    public func abandon() {
        guard !isFinished, let temporaryPath else { return }
        isFinished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    deinit { abandon() }
}
