#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What fstat(2) says about a file that rotation handling needs.
package struct FileStatus {
    var inode: FileIdentity.Inode
    package var size: Int64
    var modified: Int64
    var links: UInt64
    package var isRegular: Bool

    package init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }

    package init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    private init(_ status: stat) {
        inode = FileIdentity.Inode(device: UInt64(status.st_dev), number: UInt64(status.st_ino))
        size = Int64(status.st_size)
        // Nanoseconds since the epoch; a time too far out to count that way sorts as the latest.
        let (seconds, overflow) = Int64(status.st_mtim.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        let (nanoseconds, carry) = seconds.addingReportingOverflow(Int64(status.st_mtim.tv_nsec))
        modified = overflow || carry ? .max : nanoseconds
        links = UInt64(status.st_nlink)
        isRegular = status.st_mode & S_IFMT == S_IFREG
    }

    /// The wall-clock time now, in nanoseconds since the epoch (as `modified` counts).
    package static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let (seconds, overflow) = Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : seconds + Int64(time.tv_nsec)
    }
}
