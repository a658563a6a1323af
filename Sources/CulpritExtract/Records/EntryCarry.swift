/// Keeps a file's multi-line entries (`journalctl -o export`) whole across the
/// chunks it is read in: the unfinished last entry of a chunk waits for the
/// next one. Chunks are cut at line ends, and an entry has many lines (a binary
/// value even blank ones of its own), so without this every chunk boundary would
/// split an entry into two halves that each mean nothing.
///
/// Chunks are handed on in order and whole entries are self-contained, so line
/// numbers stay right: bytes are only moved to the next chunk, never dropped.
struct EntryCarry {
    /// More held bytes than this, with still no whole entry, are handed on as they
    /// are: a file that only looked like an export is never held in memory whole.
    static let maxHeld = 16 << 20

    private var held: [UInt8] = []

    init() {}

    /// Bytes held for an entry not yet whole.
    var heldCount: Int { held.count }

    /// The whole entries of what was held followed by `chunk` (whole lines); the
    /// rest is held. Nil when no entry is whole yet.
    mutating func take(_ chunk: [UInt8]) -> [UInt8]? {
        var bytes = held.isEmpty ? chunk : held + chunk
        let end = bytes.withUnsafeBufferPointer(JournalExportEntry.wholeEntriesEnd)
        if end == 0 {
            guard bytes.count >= Self.maxHeld else {
                held = bytes
                return nil
            }
            held = []
            return bytes
        }
        held = Array(bytes[end...])
        bytes.removeSubrange(end...)
        return bytes
    }

    /// What is held once the input has ended (a last entry without its blank line).
    mutating func rest() -> [UInt8]? {
        defer { held = [] }
        return held.isEmpty ? nil : held
    }
}
