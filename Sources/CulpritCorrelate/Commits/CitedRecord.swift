import CulpritModel

/// A record the suspect's evidence cites, read back whole from its file: the
/// cited first line and the lines that continue it (the stack trace that
/// `EvidenceLine.text`, a first line cut to 300 bytes, leaves out).
package struct CitedRecord: Sendable, Hashable {
    package var ref: SourceRef
    /// The evidence signal that cites it (`error_spike`, `crash`…); the first one when several do.
    package var signal: String
    /// The record's messages, one a line, without the envelope: CRI and
    /// timestamp prefixes are peeled, and a JSON record gives each string field,
    /// split at its line breaks (a `stack_trace` or Docker `log` field).
    package var lines: [String]

    package init(ref: SourceRef, signal: String, lines: [String]) {
        self.ref = ref
        self.signal = signal
        self.lines = lines
    }
}
