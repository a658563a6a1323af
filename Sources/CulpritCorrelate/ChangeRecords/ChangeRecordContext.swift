import CulpritModel
import CulpritExtract

/// What every format reader needs about the file it reads: where it is, the
/// service `NAME=` gave it, and how times without an offset are read.
struct ChangeRecordContext {
    var source: ChangeRecordSource
    var timestamps: TimestampParser

    var path: String { source.path }

    func error(_ message: String, line: Int = 0) -> ChangeRecordError {
        ChangeRecordError(path: source.path, line: line, message: message)
    }

    /// Microseconds since the epoch for an RFC 3339 time (or any form culprit
    /// reads in logs, or epoch digits); nil when `text` is not one time and nothing else.
    func time(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { time($0) }
    }

    /// The same, on bytes.
    func time(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let epoch = TimestampParser.micros(fromEpochDigits: bytes) { return epoch }
        guard let parsed = timestamps.parse(bytes, at: 0), parsed.end == bytes.count else { return nil }
        return parsed.micros
    }

    /// A required time field of a document entry: `path:line: what: cannot read time 'x'`.
    func requiredTime(_ text: String?, field: String, entry: String, line: Int) throws(ChangeRecordError) -> Int64 {
        guard let text, !text.isEmpty else { throw error("\(entry): no \(field) time", line: line) }
        guard let micros = time(text) else {
            throw error("\(entry): cannot read \(field) '\(text.prefix(40))' (expected RFC 3339, e.g. 2025-03-12T01:50:00Z)", line: line)
        }
        return micros
    }

    func evidence(line: Int, time: Int64, text: String) -> [EvidenceLine] {
        [EvidenceLine(ref: SourceRef(path: source.path, line: line), time: time, text: text)]
    }
}
