import CulpritModel

/// What one line says once its envelope is unwrapped: the message text the
/// patterns run on, and what the envelope itself tells (time, level, service…).
package struct DecodedLine {
    package var message: [UInt8]
    package var time: Int64?
    package var severity: Severity?
    package var service: String?
    package var host: String?
    package var version: String?
    package var fields = RecordFields()
    /// A CRI `P` line: the message continues on the next line without a newline.
    package var isPartial = false
    /// The message is the whole decoded line itself and was not copied into
    /// `message` (plain text lines, the common case on the hot path).
    package var messageIsLine = false
    /// The record's raw text quotes badly (a journal entry's cursor and IDs, an
    /// OTLP batch of many records): evidence quotes the message instead.
    package var quotesMessage = false

    package init(message: [UInt8]) { self.message = message }
}
