import Foundation
import CulpritModel
import CulpritExtract

/// Reads `--deploys [NAME=]FILE`: change records in any format of
/// `ChangeRecordFormat`, told apart by content. A byte-order mark, CRLF line
/// ends and UTF-16 read like UTF-8 with LF; times are RFC 3339 (or any form culprit reads in logs;
/// without an offset they are in `--tz`).
///
/// `NAME=` says every record of the file is about service NAME: it names a Helm
/// release (whose history never does) and renames the service of a file about
/// one; a file whose records name several services with `NAME=` is an error.
/// A file that holds no records gives a warning, not an error: the run goes on
/// with the other evidence.
public struct DeployRecordReader {
    /// How record times are read: any form culprit reads in logs, `--tz` for those without an offset.
    package let timestamps: TimestampParser

    /// A reader for times without an offset in `zone`.
    public init(zone: TimeZone) {
        let now = Int64(Date().timeIntervalSince1970)
        timestamps = TimestampParser(zone: ZoneResolver(zone: zone), defaultYear: CivilTime.civilFromDays(Int(now / 86_400)).year, latestPlausible: now)
    }

    /// Every file, in the order given.
    package func read(_ sources: [ChangeRecordSource]) throws(ChangeRecordError) -> [ChangeRecordFile] {
        var files = [ChangeRecordFile]()
        for source in sources { files.append(try read(source)) }
        return files
    }

    /// One file: its changes, notes and warnings; an error for a file that cannot be read or used.
    package func read(_ source: ChangeRecordSource) throws(ChangeRecordError) -> ChangeRecordFile {
        try read(source, contents: try contents(of: source.path))
    }

    /// Change records fetched from elsewhere (a database table), read as if
    /// they were a file of `source`: errors and notes name `source.path`.
    package func read(_ source: ChangeRecordSource, contents: Data) throws(ChangeRecordError) -> ChangeRecordFile {
        let data = Self.utf8(contents)
        let context = ChangeRecordContext(source: source, timestamps: timestamps)
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ChangeRecordError) -> ChangeRecordFile in
                try readBytes(raw.assumingMemoryBound(to: UInt8.self), context: context)
            }
        }
        var file = try result.get()
        try applyName(to: &file)
        if file.markers.isEmpty, file.warnings.isEmpty {
            file.warnings.append("\(source.path): no change records in it; the analysis goes on without them")
        }
        return file
    }

    /// UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes) as
    /// UTF-8; anything else unchanged.
    static func utf8(_ data: Data) -> Data {
        guard data.count >= 2 else { return data }
        let encoding: String.Encoding
        switch (data[data.startIndex], data[data.startIndex + 1]) {
        case (0xFF, 0xFE): encoding = .utf16LittleEndian
        case (0xFE, 0xFF): encoding = .utf16BigEndian
        default: return data
        }
        guard let text = String(data: data.dropFirst(2), encoding: encoding) else { return data }
        return Data(text.utf8)
    }

    /// The whole file; a pipe (`--deploys <(helm history auth -o json)`) is read to its end.
    private func contents(of path: String) throws(ChangeRecordError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ChangeRecordError(path: path, line: 0, message: "no such file or directory")
        }
        guard !isDirectory.boolValue else { throw ChangeRecordError(path: path, line: 0, message: "is a directory, not a change record file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ChangeRecordError(path: path, line: 0, message: "cannot open it (permission?)") }
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw ChangeRecordError(path: path, line: 0, message: "cannot read it: \(error.localizedDescription)")
        }
    }

    private func readBytes(_ whole: UnsafeBufferPointer<UInt8>, context: ChangeRecordContext) throws(ChangeRecordError) -> ChangeRecordFile {
        let bomLength = whole.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let bytes = UnsafeBufferPointer(rebasing: whole[bomLength...])
        guard let start = bytes.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }) else {
            return ChangeRecordFile(source: context.source, format: nil, markers: [],
                                    warnings: ["\(context.path): empty, no change records read from it (check the command that wrote it)"])
        }
        let lineEnd = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        let firstLine = UnsafeBufferPointer(rebasing: bytes[start..<(lineEnd > start && bytes[lineEnd - 1] == 0x0D ? lineEnd - 1 : lineEnd)])
        let moreLines = lineEnd < bytes.count && !UnsafeBufferPointer(rebasing: bytes[(lineEnd + 1)...]).isBlank
        switch bytes[start] {
        case UInt8(ascii: "{"):
            // One object per line is JSON Lines; a document spread over lines, or a
            // one-line object without a time (`kubectl … -o json | jq -c`), is a document.
            if (try? RecordDocumentJSON.parse(firstLine))?.isObject == true, moreLines || JSONLinesChangeRecords.recognizes(firstLine: firstLine) {
                return ChangeRecordFile(source: context.source, format: .jsonLines, markers: try JSONLinesChangeRecords.read(bytes, context: context))
            }
            return try readDocument(try parseJSON(bytes, context: context), context: context)
        case UInt8(ascii: "["):
            return try readDocument(try parseJSON(bytes, context: context), context: context)
        default:
            if CSVChangeRecords.recognizes(firstLine: firstLine) {
                return ChangeRecordFile(source: context.source, format: .csv, markers: try CSVChangeRecords.read(bytes, context: context))
            }
            guard Self.looksLikeYAML(firstLine), let document = try? RecordDocumentYAML.parse(String(decoding: bytes, as: UTF8.self)) else {
                throw context.error(ChangeRecordFormat.unknownMessage)
            }
            return try readDocument(document, context: context)
        }
    }

    private func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>, context: ChangeRecordContext) throws(ChangeRecordError) -> RecordDocument {
        do {
            return try RecordDocumentJSON.parse(bytes)
        } catch {
            // The end of the text after a last newline is still on the last line.
            let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lines = newlines + (bytes.last.map { $0 != 0x0A } ?? false ? 1 : 0)
            throw context.error("not valid JSON: \(error.message)", line: min(error.line, max(lines, 1)))
        }
    }

    private func readDocument(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> ChangeRecordFile {
        if StructuredChangeFormats.isEmpty(document) {
            return ChangeRecordFile(source: context.source, format: nil, markers: [],
                                    warnings: ["\(context.path): an empty list, no change records read from it"])
        }
        guard let format = StructuredChangeFormats.all.first(where: { $0.recognizes(document) }) else {
            throw context.error(ChangeRecordFormat.unknownMessage)
        }
        let (markers, notes) = try format.read(document, context: context)
        return ChangeRecordFile(source: context.source, format: format.format, markers: markers, notes: notes)
    }

    /// `NAME=FILE`: every record is about NAME.
    private func applyName(to file: inout ChangeRecordFile) throws(ChangeRecordError) {
        guard let name = file.source.name else { return }
        let named = Set(file.markers.map(\.service))
        if named.count > 1 {
            let list = named.sorted().prefix(3).joined(separator: ", ") + (named.count > 3 ? ", …" : "")
            throw ChangeRecordError(path: file.source.path, line: 0,
                                    message: "\(name)= names one service, but the records name \(named.count) (\(list)): drop \(name)= and use --service-alias to rename")
        }
        for index in file.markers.indices { file.markers[index].service = name }
    }

    /// A YAML document's first line: `---`, a list item (`- key: …`), or `key:`.
    static func looksLikeYAML(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.starts(with: Array("---".utf8)) || line.starts(with: Array("- ".utf8)) || Array(line) == [UInt8(ascii: "-")] { return true }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let key = line[..<colon]
        let isKey = key.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return isKey && (colon + 1 == line.count || line[colon + 1] == 0x20)
    }
}
