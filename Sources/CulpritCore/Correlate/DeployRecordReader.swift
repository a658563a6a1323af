import Foundation

/// Reads `--deploys FILE`: CSV with a header naming at least `time,service,version`
/// (optional `kind` = deploy/rollback/restart/config, `sha`, `actor`), or JSON
/// Lines with the same keys. Times are RFC 3339 (or any form culprit reads in
/// logs; without an offset they are in `--tz`).
public struct DeployRecordReader {
    public let timestamps: TimestampParser

    public init(zone: TimeZone) {
        timestamps = TimestampParser(zone: ZoneResolver(zone: zone), defaultYear: CivilTime.civilFromDays(Int(Date().timeIntervalSince1970 / 86_400)).year,
                                     latestPlausible: Int64(Date().timeIntervalSince1970))
    }

    /// A deploy file that cannot be used: `path:line: message`.
    public struct RecordError: Error, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        /// `path:line: message`, or `path: message` when it is about the whole file.
        public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
    }

    /// Every record of every file, in the order given.
    public func read(paths: [String]) throws(RecordError) -> [ChangeMarker] {
        var records = [ChangeMarker]()
        for path in paths { records += try read(path: path) }
        return records
    }

    public func read(path: String) throws(RecordError) -> [ChangeMarker] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordError(path: path, line: 0, message: FileManager.default.fileExists(atPath: path) ? "cannot read deploys file" : "no such file or directory")
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let firstContent = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return [] }
        if lines[firstContent].hasPrefix("{") {
            return try readJSONLines(lines, path: path)
        }
        return try readCSV(lines, headerIndex: firstContent, path: path)
    }

    private func readJSONLines(_ lines: [String], path: String) throws(RecordError) -> [ChangeMarker] {
        var markers = [ChangeMarker]()
        for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            var bytes = Array(line.utf8)
            let fields = bytes.withUnsafeMutableBufferPointer { JSONRecordParser.parse(UnsafeBufferPointer($0)) }
            guard let fields else { throw RecordError(path: path, line: index + 1, message: "not a JSON object") }
            var values = [String: String]()
            for (key, value) in fields.entries where value != .null { values[key.lowercased()] = value.text }
            markers.append(try marker(values, path: path, line: index + 1, raw: line))
        }
        return markers
    }

    private func readCSV(_ lines: [String], headerIndex: Int, path: String) throws(RecordError) -> [ChangeMarker] {
        let header = Self.splitCSV(lines[headerIndex]).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        for required in ["time", "service"] where !header.contains(required) {
            throw RecordError(path: path, line: headerIndex + 1, message: "header must name at least time,service,version (found: \(header.joined(separator: ",")))")
        }
        var markers = [ChangeMarker]()
        for index in (headerIndex + 1)..<lines.count {
            let line = lines[index]
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = Self.splitCSV(line)
            guard cells.count <= header.count || cells.dropFirst(header.count).allSatisfy({ $0.isEmpty }) else {
                throw RecordError(path: path, line: index + 1, message: "\(cells.count) fields, the header has \(header.count)")
            }
            var values = [String: String]()
            for (column, name) in header.enumerated() where column < cells.count {
                let cell = cells[column].trimmingCharacters(in: .whitespaces)
                if !cell.isEmpty { values[name] = cell }
            }
            markers.append(try marker(values, path: path, line: index + 1, raw: line))
        }
        return markers
    }

    private func marker(_ values: [String: String], path: String, line: Int, raw: String) throws(RecordError) -> ChangeMarker {
        guard let timeText = values["time"] ?? values["timestamp"] ?? values["at"] else {
            throw RecordError(path: path, line: line, message: "missing time")
        }
        guard let time = parseTime(timeText) else {
            throw RecordError(path: path, line: line, message: "cannot read time '\(timeText)' (use RFC 3339, e.g. 2025-03-12T01:50:00Z)")
        }
        guard let service = values["service"], !service.isEmpty else {
            throw RecordError(path: path, line: line, message: "missing service")
        }
        var kind = ChangeMarker.Kind.deploy
        if let kindText = values["kind"] ?? values["type"] ?? values["change"] {
            guard let parsed = ChangeMarker.Kind(rawValue: kindText.lowercased()) else {
                throw RecordError(path: path, line: line, message: "unknown kind '\(kindText)' (deploy, rollback, restart or config)")
            }
            kind = parsed
        }
        let evidence = EvidenceLine(ref: SourceRef(path: path, line: line), time: time, text: raw)
        return ChangeMarker(service: service, version: values["version"], kind: kind, time: time, evidence: [evidence],
                            sha: values["sha"] ?? values["commit"], actor: values["actor"] ?? values["user"] ?? values["author"])
    }

    private func parseTime(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let view = UnsafeBufferPointer(buffer)
            if let epoch = TimestampParser.micros(fromEpochDigits: view) { return epoch }
            guard let parsed = timestamps.parse(view, at: 0), parsed.end == view.count else { return nil }
            return parsed.micros
        }
    }

    /// Splits one CSV line (RFC 4180 quoting).
    static func splitCSV(_ line: String) -> [String] {
        var cells = [String]()
        var current = ""
        var inQuotes = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { current.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        return cells
    }
}
