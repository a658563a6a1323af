/// A timestamp found in a line: the instant and the bytes it spanned.
public struct ParsedTime: Sendable, Equatable {
    /// Microseconds since the epoch, UTC.
    public var micros: Int64
    /// Byte offsets of the timestamp text within the scanned bytes.
    public var start: Int
    public var end: Int
}
