#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows one path like `tail -F`: reads what is appended, waits for the
/// newline of a partial last line, and survives rotation. On rename rotation
/// (the path now names another file) the old file is read to its end before
/// the new one is opened from its start; on copytruncate (the file shrank) it
/// is read again from the start. No line is lost or read twice.
public struct FileFollower {
    public let path: String
    public let displayPath: String
    private var descriptor: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    private var offset: Int64 = 0
    private var partial: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)

    /// What one poll found.
    public enum Change {
        /// Whole new lines (ending with a newline).
        case lines([UInt8])
        /// The file was replaced or truncated: line numbering starts again.
        case restarted
    }

    /// Opens `path` if it exists; reading starts at its beginning, or at its end with `fromEnd`.
    public init(path: String, displayPath: String, fromEnd: Bool) {
        self.path = path
        self.displayPath = displayPath
        if openCurrent(), fromEnd {
            offset = Int64(lseek(descriptor, 0, SEEK_END))
        }
    }

    public var isOpen: Bool { descriptor >= 0 }

    /// The device and inode of the file being read, to recognise it under a new name.
    public var identity: String { "\(device):\(inode)" }

    /// Reads what is new since the last poll, handling rotation and truncation.
    public mutating func poll() -> [Change] {
        var changes = [Change]()
        if descriptor < 0 {
            guard openCurrent() else { return [] }
            changes.append(.restarted)
        }
        if let lines = readAvailable() { changes.append(.lines(lines)) }
        var status = stat()
        if stat(path, &status) == 0 {
            let replaced = UInt64(status.st_dev) != device || UInt64(status.st_ino) != inode
            if replaced {
                // Rename rotation: the old file is finished; move to the new one.
                if let lines = readAvailable(flushPartial: true) { changes.append(.lines(lines)) }
                closeDescriptor(descriptor)
                descriptor = -1
                if openCurrent() {
                    changes.append(.restarted)
                    if let lines = readAvailable() { changes.append(.lines(lines)) }
                }
            } else if Int64(status.st_size) < offset {
                // copytruncate: the file was emptied and is being written again.
                offset = 0
                partial.removeAll()
                changes.append(.restarted)
                if let lines = readAvailable() { changes.append(.lines(lines)) }
            }
        }
        return changes
    }

    private mutating func openCurrent() -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        var status = stat()
        guard fstat(fd, &status) == 0 else { closeDescriptor(fd); return false }
        descriptor = fd
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        offset = 0
        partial.removeAll()
        return true
    }

    private mutating func readAvailable(flushPartial: Bool = false) -> [UInt8]? {
        guard descriptor >= 0 else { return nil }
        var collected = partial
        partial.removeAll()
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            collected.append(contentsOf: buffer[0..<count])
            offset += Int64(count)
            if collected.count > 64 << 20 { break }
        }
        guard !collected.isEmpty else { return nil }
        if let lastNewline = collected.lastIndex(of: 0x0A) {
            if lastNewline + 1 < collected.count {
                partial = Array(collected[(lastNewline + 1)...])
                collected.removeSubrange((lastNewline + 1)...)
            }
        } else {
            partial = collected
            collected = []
        }
        if flushPartial, !partial.isEmpty {
            collected += partial + [0x0A]
            partial.removeAll()
        }
        return collected.isEmpty ? nil : collected
    }

    /// Stops following.
    public mutating func close() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
