/// Where `report --state` stopped reading one file: the file's identity
/// (device, inode, a fingerprint of its first bytes) and its position, so the
/// next run reads only what was appended, wherever rotation moved the file.
package struct FileCheckpoint: Sendable, Hashable {
    /// The path the file was opened at: rotation's successors are looked for beside it.
    package var path: String
    package var identity: FileIdentity
    /// The file's size when read (gzip), or the offset read to (plain).
    package var size: Int64
    package var isGzip: Bool
    package var resume: ResumePoint

    package init(path: String, identity: FileIdentity, size: Int64, isGzip: Bool, resume: ResumePoint) {
        self.path = path
        self.identity = identity
        self.size = size
        self.isGzip = isGzip
        self.resume = resume
    }

    /// Whether the file open at `descriptor` (of `size` bytes) still holds this
    /// checkpoint's content: it begins with the same bytes and is not shorter
    /// than what was read (a gzip file: than it was). True for the file itself,
    /// renamed or not, and for a copy of it.
    package func isContinued(byFileAt descriptor: Int32, size: Int64) -> Bool {
        guard size >= (isGzip ? self.size : resume.offset) else { return false }
        return identity.fingerprintLength == 0 ? resume.offset == 0 : identity.isBeginning(ofFileAt: descriptor, size: size)
    }
}
