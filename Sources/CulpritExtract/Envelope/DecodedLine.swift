import CulpritModel

/// What one line says once its envelope is unwrapped: the message text the
/// patterns run on, and what the envelope itself tells (time, level, service…).
public struct DecodedLine {
    public var message: [UInt8]
    public var time: Int64?
    public var severity: Severity?
    public var service: String?
    public var host: String?
    public var version: String?
    public var fields = RecordFields()
    /// A CRI `P` line: the message continues on the next line without a newline.
    public var isPartial = false
    /// The message is the whole decoded line itself and was not copied into
    /// `message` (plain text lines, the common case on the hot path).
    public var messageIsLine = false
    /// The record's raw text quotes badly (a journal entry's cursor and IDs, an
    /// OTLP batch of many records): evidence quotes the message instead.
    public var quotesMessage = false

    public init(message: [UInt8]) { self.message = message }
}
