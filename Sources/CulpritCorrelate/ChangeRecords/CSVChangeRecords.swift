import CulpritModel

/// A deploys CSV: a header naming at least `time` and `service` (the service
/// may come from `--deploys NAME=FILE` instead), then one change per row;
/// `version`, `kind` (deploy/rollback/restart/config), `sha` and `actor` are
/// optional, other columns ignored. See `ChangeField` for the accepted names.
///
/// One pass over the bytes with `CSVScanner`; only the cells of known columns
/// become strings.
enum CSVChangeRecords {
    /// Whether the line at the start of `bytes` reads as this format's header:
    /// a comma-separated line naming at least one known column.
    static func recognizes(firstLine: UnsafeBufferPointer<UInt8>) -> Bool {
        var scanner = CSVScanner(firstLine)
        guard (try? scanner.next()) != nil else { return false }
        return scanner.cells.contains { ChangeField(name: scanner.text($0)) != nil }
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, context: ChangeRecordContext) throws(ChangeRecordError) -> [ChangeMarker] {
        var scanner = CSVScanner(bytes)
        guard let header = try next(&scanner, context: context) else { return [] }
        let names = scanner.cells.map { scanner.text($0).lowercased() }
        let columns = names.map(ChangeField.init(name:))
        guard columns.contains(.time), columns.contains(.service) || context.source.name != nil else {
            let found = names.joined(separator: ",")
            throw context.error("header must name at least time,service,version (found: \(found.count > 80 ? found.prefix(80) + "…" : found))", line: header.line)
        }
        var markers = [ChangeMarker]()
        while let record = try next(&scanner, context: context) {
            let cells = scanner.cells
            if cells.count > columns.count, cells[columns.count...].contains(where: { !$0.range.isEmpty }) {
                throw context.error("\(cells.count) fields, the header has \(columns.count)", line: record.line)
            }
            var values = ChangeFieldValues()
            for (cell, column) in zip(cells, columns) {
                guard let column, !cell.range.isEmpty else { continue }
                values[column] = scanner.text(cell)
            }
            markers.append(try values.marker(context: context, line: record.line, raw: evidenceText(bytes, record.range)))
        }
        return markers
    }

    private static func next(_ scanner: inout CSVScanner, context: ChangeRecordContext) throws(ChangeRecordError) -> (line: Int, range: Range<Int>)? {
        do {
            return try scanner.next()
        } catch {
            switch error {
            case .unterminatedQuote(let line):
                throw context.error("a quoted field opened here never closes: close it, or double a quote inside it (\"\")", line: line)
            case .textAfterQuote(let line):
                throw context.error("text after a closing quote: quote the whole field, and double a quote inside it (\"\")", line: line)
            }
        }
    }

    /// The row as written, on one line (a quoted line break becomes a space).
    private static func evidenceText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let row = UnsafeBufferPointer(rebasing: bytes[range])
        guard row.contains(0x0A) else { return String(decoding: row, as: UTF8.self) }
        return String(decoding: row.compactMap { $0 == 0x0D ? nil : ($0 == 0x0A ? 0x20 : $0) }, as: UTF8.self)
    }
}
