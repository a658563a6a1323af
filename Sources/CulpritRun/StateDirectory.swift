#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CulpritIngest

/// The files of `report --state DIR` on disk: each written whole or not at all
/// (a temporary file, flushed, then renamed over the old one), and every
/// failure told in one line that says what to do.
struct StateDirectory {
    let path: String

    /// Writes `bytes` to `name` in the directory atomically, creating the directory first.
    func write(_ bytes: [UInt8], to name: String) throws(StateSaveError) {
        let target = path + "/" + name
        try createDirectory()
        let temporary = path + "/.\(name).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(target, errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { writeFile(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let code = count < 0 ? errno : ENOSPC
                closeFile(descriptor)
                unlink(temporary)
                throw failure(target, code)
            }
            written += count
        }
        let flushed = fsync(descriptor) == 0 ? 0 : errno
        closeFile(descriptor)
        guard flushed == 0 else {
            unlink(temporary)
            throw failure(target, flushed)
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(target, code)
        }
    }

    /// `mkdir -p`.
    private func createDirectory() throws(StateSaveError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw failure(path, errno) }
            prefix += "/"
        }
        guard isDirectory(path) else { throw failure(path, ENOTDIR) }
    }

    private func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private func failure(_ target: String, _ code: Int32) -> StateSaveError {
        let reason = String(cString: strerror(code)).lowercased()
        let advice = code == ENOSPC || code == EDQUOT || code == EFBIG ? "free some space there" : "check the directory"
        return StateSaveError(path: target, message: "cannot save the report state (\(reason)); \(advice) or give --state another directory")
    }
}

/// write(2), named apart from `StateDirectory.write`.
private func writeFile(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
