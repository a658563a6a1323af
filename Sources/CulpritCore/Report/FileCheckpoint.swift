import Foundation

/// Where `report --state` stopped reading one file: its identity (device,
/// inode, a fingerprint of its first bytes) and its position, so the next run
/// reads only what was appended and notices rotation and truncation.
public struct FileCheckpoint: Sendable, Codable, Hashable {
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var isGzip: Bool
    /// FNV-1a 64 of the first `fingerprintLength` bytes, hex.
    public var fingerprint: String
    public var fingerprintLength: Int
    public var resume: ResumePoint

    /// How many leading bytes identify a file.
    public static let fingerprintBytes = 1024

    /// The identity of the file at `path` now, nil when it cannot be read.
    public static func identity(of path: String, length: Int = fingerprintBytes) -> (device: UInt64, inode: UInt64, size: Int64, fingerprint: String, length: Int)? {
        var status = stat()
        guard stat(path, &status) == 0, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: length)) ?? Data()
        return (UInt64(status.st_dev), UInt64(status.st_ino), Int64(status.st_size), fnv1a(head), head.count)
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
