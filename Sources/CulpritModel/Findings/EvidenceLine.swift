/// A log line kept as evidence: where it is, when it was, and what it says.
public struct EvidenceLine: Sendable, Hashable, Codable {
    public var ref: SourceRef
    public var time: Int64?
    public var text: String

    public init(ref: SourceRef, time: Int64?, text: String) {
        self.ref = ref
        self.time = time
        self.text = text
    }

    package init(_ event: LogEvent) {
        self.init(ref: event.ref, time: event.time, text: event.excerpt)
    }
}
