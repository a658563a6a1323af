import CulpritModel

/// Deploy records as JSON Lines: one object per line with the CSV's keys
/// (`time`, `service`, `version`, `kind`, `sha`, `actor`; see `ChangeField`).
/// Blank lines are skipped; LF and CRLF both end a line.
enum JSONLinesChangeRecords {
    /// Whether `firstLine` is one JSON object with a time key.
    static func recognizes(firstLine: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let object = try? RecordDocumentJSON.parse(firstLine), object.isObject else { return false }
        return object.keys.contains { ChangeField(name: $0) == .time }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, context: ChangeRecordContext) throws(ChangeRecordError) -> [ChangeMarker] {
        var markers = [ChangeMarker]()
        for (number, range) in ByteLines(bytes) {
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            if line.isBlank { continue }
            let object: RecordDocument
            do {
                object = try RecordDocumentJSON.parse(line)
            } catch {
                throw context.error("not a JSON object (\(error.message))", line: number)
            }
            guard case .object(let members) = object.value else { throw context.error("not a JSON object", line: number) }
            var values = ChangeFieldValues()
            for (key, member) in members {
                guard let field = ChangeField(name: key) else { continue }
                switch member.value {
                case .scalar(let text): values[field] = text
                case .bool(let flag): values[field] = flag ? "true" : "false"
                case .null, .array, .object: continue
                }
            }
            markers.append(try values.marker(context: context, line: number, raw: String(decoding: line, as: UTF8.self)))
        }
        return markers
    }
}
