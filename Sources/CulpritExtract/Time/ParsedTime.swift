/// A timestamp found in a line: the instant and the bytes it spanned.
package struct ParsedTime: Sendable, Equatable {
    /// Microseconds since the epoch, UTC.
    package var micros: Int64
    /// Byte offsets of the timestamp text within the scanned bytes.
    package var start: Int
    package var end: Int
    /// The text named no year (syslog, klog): the year was inferred.
    package var yearInferred = false
}
