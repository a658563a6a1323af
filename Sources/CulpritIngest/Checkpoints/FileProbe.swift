#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened to decide how to read it: its size and identity now.
package struct FileProbe {
    package let descriptor: Int32
    package let identity: FileIdentity
    package let size: Int64
    /// Modification time in nanoseconds since the epoch.
    package let modified: Int64
    package let isGzip: Bool

    package init?(path: String) {
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

    /// A path that opens this same file (not whatever is at its name by then).
    package var pinnedPath: String {
        #if os(Linux)
        "/proc/self/fd/\(descriptor)"
        #else
        "/dev/fd/\(descriptor)"
        #endif
    }

    package func close() { closeFile(descriptor) }
}

/// A file `report --state` planned to read, held open until its checkpoint is recorded.
package struct PinnedRead {
    /// Where it was found.
    package var path: String
    package var probe: FileProbe

    /// The file found at `path`, held open by `probe`.
    package init(path: String, probe: FileProbe) {
        self.path = path
        self.probe = probe
    }

    /// The identity of the content read: the one taken before the read, or a
    /// longer fingerprint of it now when the file still begins the same.
    package var identityRead: FileIdentity? {
        let before = probe.identity
        guard let status = FileStatus(descriptor: probe.descriptor), let after = FileIdentity(descriptor: probe.descriptor),
              before.fingerprintLength <= after.fingerprintLength,
              before.fingerprintLength == 0 || before.isBeginning(ofFileAt: probe.descriptor, size: status.size) else { return before }
        return after
    }
}
