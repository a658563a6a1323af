#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What makes a log file the same file wherever rotation puts it: its device
/// and inode, which a rename keeps (`app.log` → `app.log.1`), and a fingerprint
/// of its first bytes, which a copy keeps (copytruncate's `app.log.1` begins
/// like the `app.log` it was copied from, and a truncated `app.log` no longer does).
///
/// `watch`, its folder scan and `report --state` all recognise files by it, so a
/// rotated or copied file is read once, wherever it moved.
package struct FileIdentity: Sendable, Hashable {
    /// A file itself, under whatever name: its device and inode numbers.
    package struct Inode: Sendable, Hashable, CustomStringConvertible {
        package var device: UInt64
        package var number: UInt64

        package init(device: UInt64, number: UInt64) {
            self.device = device
            self.number = number
        }

        package var description: String { "\(device):\(number)" }
    }

    package var inode: Inode
    /// FNV-1a 64 of the file's first `fingerprintLength` bytes.
    package var fingerprint: UInt64
    /// How many leading bytes the fingerprint covers: `fingerprintBytes`, or
    /// the whole file while it is shorter. 0 (an empty file) recognises no copy.
    package var fingerprintLength: Int

    /// How many leading bytes identify a file's content.
    package static let fingerprintBytes = 1024

    package init(inode: Inode, fingerprint: UInt64, fingerprintLength: Int) {
        self.inode = inode
        self.fingerprint = fingerprint
        self.fingerprintLength = fingerprintLength
    }

    /// The identity of the file open at `descriptor`, its fingerprint over at most `length` bytes.
    package init?(descriptor: Int32, length: Int = fingerprintBytes) {
        guard let status = FileStatus(descriptor: descriptor),
              let head = Self.head(of: descriptor, length: Int(min(Int64(length), status.size))) else { return nil }
        self.init(inode: status.inode, fingerprint: Self.fnv1a(head), fingerprintLength: head.count)
    }

    /// The identity of the file at `path` now; nil when it cannot be opened.
    package init?(path: String, length: Int = fingerprintBytes) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { closeFile(descriptor) }
        self.init(descriptor: descriptor, length: length)
    }

    /// Whether the file open at `descriptor` begins with the bytes this
    /// fingerprint covers: the same content, perhaps grown since (the file not
    /// truncated, or a copy of it). An empty fingerprint matches nothing.
    package func isBeginning(ofFileAt descriptor: Int32, size: Int64) -> Bool {
        guard fingerprintLength > 0, size >= Int64(fingerprintLength),
              let head = Self.head(of: descriptor, length: fingerprintLength), head.count == fingerprintLength else { return false }
        return Self.fnv1a(head) == fingerprint
    }

    /// `isBeginning(ofFileAt:size:)` for the file at `path`.
    package func isBeginning(ofFileAt path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { closeFile(descriptor) }
        guard let status = FileStatus(descriptor: descriptor) else { return false }
        return isBeginning(ofFileAt: descriptor, size: status.size)
    }

    /// Where rotation may have put the file that was at `path`: the files in
    /// the same directory whose names begin with its name (`app.log.1`,
    /// `app.log-20250312`) or with its stem and a separator (`app-2025-03-12.log`,
    /// `app.1.log`), most recently modified first. A name proves nothing: check
    /// each by inode or fingerprint.
    package static func rotationCandidates(beside path: String) -> [String] {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, let stream = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(stream) }
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        var found = [(path: String, modified: Int64)]()
        while let entry = readdir(stream) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName != name, !entryName.hasPrefix(".") else { continue }
            let related = entryName.hasPrefix(name) || (!stem.isEmpty && [".", "-", "_"].contains { entryName.hasPrefix(stem + $0) })
            guard related, let status = FileStatus(path: directory + entryName), status.isRegular else { continue }
            found.append((directory + entryName, status.modified))
        }
        return found.sorted { $0.modified != $1.modified ? $0.modified > $1.modified : $0.path < $1.path }.map(\.path)
    }

    /// FNV-1a, 64 bits: fast, and enough to tell log files apart by 1 KiB of their text.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Up to `length` bytes from the start of the file, nil on a read error.
    static func head(of descriptor: Int32, length: Int) -> [UInt8]? {
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, length - filled, off_t(filled)) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        return Array(bytes.prefix(filled))
    }
}

/// close(2), named apart from the methods called `close` of the types that use it.
package func closeFile(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #else
    _ = Darwin.close(descriptor)
    #endif
}
