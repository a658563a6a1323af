import CulpritIngest

/// How far one input was read, so an incremental run can continue after it.
public struct FileOutcome: Sendable {
    /// The input.
    public var file: InputFile
    /// Whether it was gzip (no checkpoint can be taken inside it).
    public var isGzip: Bool
    /// Byte offset just after the last whole line read (plain files).
    public var endOffset: Int64
    /// 1 when the input ended in a line without a newline: it is read again next time.
    public var pendingLines: Int
    /// Whether its gzip data ended early: events up to the break were read.
    public var truncated: Bool
}
