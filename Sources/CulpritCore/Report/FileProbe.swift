#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened to decide how to read it: its size and identity now.
struct FileProbe {
    let descriptor: Int32
    let identity: FileIdentity
    let size: Int64
    /// Modification time in nanoseconds since the epoch.
    let modified: Int64
    let isGzip: Bool

    init?(path: String) {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return nil }
        guard let status = FileStatus(descriptor: opened), status.isRegular, let identity = FileIdentity(descriptor: opened) else {
            closeFile(opened)
            return nil
        }
        descriptor = opened
        self.identity = identity
        size = status.size
        modified = status.modified
        isGzip = FileIdentity.head(of: opened, length: 2) == [0x1F, 0x8B]
    }

    func close() { closeFile(descriptor) }
}
