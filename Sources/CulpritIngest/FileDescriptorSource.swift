#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or standard input with read(2), retrying on EINTR.
package struct FileDescriptorSource: ByteSource {
    package let descriptor: Int32
    package let path: String
    private let closesOnDeinit: Bool

    /// Opens `path` for reading.
    package init(opening path: String, displayPath: String) throws(InputError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError(path: displayPath, message: Self.describe(errno))
        }
        descriptor = fd
        self.path = displayPath
        closesOnDeinit = true
    }

    /// Standard input, shown as `-`.
    package static var standardInput: FileDescriptorSource { FileDescriptorSource(descriptor: 0, path: "-") }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        closesOnDeinit = false
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputError(path: path, message: Self.describe(errno))
        }
    }

    /// Closes the descriptor (not standard input).
    package func close() {
        if closesOnDeinit {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
        }
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
