/// A timestamp found in a line: the instant and the bytes it spanned.
public struct ParsedTime: Sendable, Equatable {
    /// Microseconds since the epoch, UTC.
    public var micros: Int64
    /// Byte offsets of the timestamp text within the scanned bytes.
    public var start: Int
    public var end: Int
    /// The text named no year (syslog, klog): the year was inferred.
    public var yearInferred = false
}
