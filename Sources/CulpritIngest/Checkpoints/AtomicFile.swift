#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written whole or not at all: a temporary file beside the target,
/// flushed to disk, then renamed over it, so a reader (or the next run after
/// a crash) sees the old content or the new, never half of one.
package enum AtomicFile {
    /// Why a file could not be written: the path and the `errno` of the step that failed.
    package struct Failure: Error, Sendable {
        package var path: String
        package var code: Int32

        /// The system's words for `code`, in lower case.
        package var reason: String { String(cString: strerror(code)).lowercased() }
        /// Whether the disk (or a quota) is full.
        package var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }
    }

    /// Writes `bytes` to `name` in `directory` atomically, creating the directory first (`mkdir -p`).
    package static func write(_ bytes: [UInt8], to name: String, in directory: String) throws(Failure) {
        let target = directory + "/" + name
        try createDirectory(directory)
        let temporary = directory + "/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: target, code: errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = count < 0 ? errno : ENOSPC
                closeFile(descriptor)
                unlink(temporary)
                throw Failure(path: target, code: code)
            }
            written += count
        }
        let flushed = fsync(descriptor) == 0 ? 0 : errno
        closeFile(descriptor)
        guard flushed == 0 else {
            unlink(temporary)
            throw Failure(path: target, code: flushed)
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(path: target, code: code)
        }
    }

    /// `mkdir -p`.
    private static func createDirectory(_ path: String) throws(Failure) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw Failure(path: path, code: errno) }
            prefix += "/"
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { throw Failure(path: path, code: ENOTDIR) }
    }
}

/// write(2), named apart from `AtomicFile.write`.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
