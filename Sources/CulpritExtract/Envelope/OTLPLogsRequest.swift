import CulpritModel

/// One OTLP/JSON `ExportLogsServiceRequest` on a line, as the OpenTelemetry
/// Collector's file exporter writes them: `resourceLogs[].scopeLogs[].logRecords[]`,
/// many records from several services in one line.
///
/// Each log record is a record of its own (all cite the line they share):
/// - time: `timeUnixNano`, else `observedTimeUnixNano` (nanoseconds since the
///   epoch, a string of digits or a number); it wins over a time in the body;
/// - level: `severityNumber` (1–4 trace … 21–24 fatal), else `severityText`;
///   the body's own level first;
/// - message: `body.stringValue`, a line of its own, decoded again; a
///   `kvlistValue` body is read as a structured record;
/// - service: the body's own, else the resource's `service.name`, else
///   `k8s.container.name`; version `service.version`; host `host.name`, else
///   `k8s.pod.name`. The record's attributes (and the resource's, as
///   `resource.<key>`) are its fields.
enum OTLPLogsRequest {
    /// Whether `line` starts like an export request (checked on bytes: a request
    /// line can be megabytes long, too long to parse just to classify it).
    static func looksLikeRequest(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count, line[index] == 0x20 { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: "{") else { return false }
        index += 1
        while index < line.count, line[index] == 0x20 { index += 1 }
        return UnsafeBufferPointer(rebasing: line[index...]).hasBytePrefix("\"resourceLogs\"")
    }

    /// The records of `line`, nil when it is no export request.
    static func records(of line: UnsafeBufferPointer<UInt8>, with decoder: LineDecoder, depth: Int) -> [DecodedLine]? {
        guard let request = JSONTree.parse(line), case .array(let resources)? = request["resourceLogs"] else { return nil }
        var records: [DecodedLine] = []
        for resourceLogs in resources {
            let resource = attributes(resourceLogs["resource"]?["attributes"])
            var resourceFields = RecordFields()
            for entry in resource.entries { resourceFields.entries.append(("resource." + entry.key, entry.value)) }
            for scopeLogs in resourceLogs["scopeLogs"]?.items ?? [] {
                for record in scopeLogs["logRecords"]?.items ?? [] {
                    records.append(decode(record, resource: resource, resourceFields: resourceFields, with: decoder, depth: depth))
                }
            }
        }
        return records
    }

    private static func decode(_ record: JSONTree, resource: RecordFields, resourceFields: RecordFields,
                               with decoder: LineDecoder, depth: Int) -> DecodedLine {
        var decoded: DecodedLine
        let body = record["body"]
        if let text = body?["stringValue"]?.string {
            var inner = Array(text.utf8)
            while let last = inner.last, last == 0x0A || last == 0x0D { inner.removeLast() }
            decoded = depth < LineDecoder.maxDepth
                ? inner.withUnsafeBufferPointer { decoder.decode($0, envelope: .text, depth: depth + 1) }
                : DecodedLine(message: inner)
        } else if let list = body?["kvlistValue"]?["values"] {
            decoded = decoder.decodeStructured(attributes(list), depth: depth + 1, raw: UnsafeBufferPointer(start: nil, count: 0))
        } else {
            decoded = DecodedLine(message: Array((body.flatMap(anyValue)?.text ?? "").utf8))
        }
        if let time = nanoTime(record["timeUnixNano"]) ?? nanoTime(record["observedTimeUnixNano"]) { decoded.time = time }
        if decoded.severity == nil { decoded.severity = severity(record) }
        if decoded.service == nil {
            for key in ["service.name", "k8s.container.name", "k8s.deployment.name"] {
                if case .string(let name)? = resource[key], !name.isEmpty { decoded.service = name; break }
            }
        }
        if decoded.version == nil, case .string(let version)? = resource["service.version"], !version.isEmpty {
            decoded.version = version
        }
        if decoded.host == nil {
            for key in ["host.name", "k8s.pod.name"] {
                if case .string(let host)? = resource[key], !host.isEmpty { decoded.host = host; break }
            }
        }
        decoded.fields.entries = attributes(record["attributes"]).entries + resourceFields.entries + decoded.fields.entries
        decoded.quotesMessage = true
        return decoded
    }

    /// OpenTelemetry's severity numbers, 1–24 in six bands of four.
    static func severity(_ record: JSONTree) -> Severity? {
        if let text = record["severityNumber"]?.text, let number = Int(text), (1...24).contains(number) {
            switch number {
            case 1...8: return .debug
            case 9...12: return .info
            case 13...16: return .warning
            case 17...20: return .error
            default: return .critical
            }
        }
        guard let word = record["severityText"]?.string else { return nil }
        return Severity(word: Array(word.utf8))
    }

    /// Nanoseconds since the epoch, as digits in a string or a number, to microseconds.
    static func nanoTime(_ value: JSONTree?) -> Int64? {
        guard let text = value?.text, !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ $0 &- 48 < 10 }),
              let nanos = Int64(text), nanos > 0 else { return nil }
        return nanos / 1_000
    }

    /// `[{"key": k, "value": {"stringValue": …}}, …]` as fields.
    static func attributes(_ list: JSONTree?) -> RecordFields {
        var fields = RecordFields()
        for item in list?.items ?? [] {
            guard let key = item["key"]?.string, let value = item["value"].flatMap(anyValue) else { continue }
            fields.entries.append((key, value))
        }
        return fields
    }

    /// An OTLP `AnyValue` as a field value; arrays and maps as their JSON-ish text.
    static func anyValue(_ value: JSONTree) -> FieldValue? {
        guard case .object(let members) = value, let member = members.first else { return nil }
        switch member.key {
        case "stringValue": return member.value.string.map(FieldValue.string)
        case "boolValue":
            if case .bool(let flag) = member.value { return .bool(flag) }
            return nil
        case "intValue", "doubleValue":
            guard let text = member.value.text, let number = Double(text), number.isFinite else { return nil }
            return .number(number)
        default:
            return member.value.text.map(FieldValue.string)
        }
    }
}
