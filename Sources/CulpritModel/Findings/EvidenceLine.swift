/// A log line kept as evidence: where it is, when it was, and what it says.
public struct EvidenceLine: Sendable, Hashable, Codable {
    /// Where the line is.
    public var ref: SourceRef
    /// Its time, microseconds; nil when unknown.
    public var time: Int64?
    /// The line (its first part, see `LogEvent.excerptLimit`).
    public var text: String

    /// The line at `ref`, from `time`, saying `text`.
    public init(ref: SourceRef, time: Int64?, text: String) {
        self.ref = ref
        self.time = time
        self.text = text
    }

    package init(_ event: LogEvent) {
        self.init(ref: event.ref, time: event.time, text: event.excerpt)
    }
}
