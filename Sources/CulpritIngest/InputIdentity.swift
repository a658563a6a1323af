#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a path names the same file as one of the inputs (same device and
/// inode, so links and `./` spellings count), before anything is written to it.
package enum InputIdentity {
    /// The input `path` is, nil when it is none of them or does not exist yet.
    package static func matching(_ path: String, among inputs: [InputFile]) -> InputFile? {
        var target = stat()
        guard stat(path, &target) == 0 else { return nil }
        for input in inputs where !input.isStandardInput {
            var status = stat()
            if stat(input.openPath, &status) == 0, status.st_dev == target.st_dev, status.st_ino == target.st_ino { return input }
        }
        return nil
    }
}
