import Foundation

/// What the OpenTelemetry Collector's file exporter writes: one OTLP/JSON
/// `ExportLogsServiceRequest` per line, each a batch of records from several
/// services (`resourceLogs[].scopeLogs[].logRecords[]`).
///
/// A batch holds the records of `batchSeconds` of log time. Each resource names
/// its service (`service.name`) and pod; each record carries its own time
/// (`timeUnixNano`, as a string of digits, proto3 JSON's form for 64-bit
/// integers), the time the collector saw it, the severity its SDK gave it and the
/// line as `body.stringValue` (a stack trace is one record).
enum OTLPCollection {
    static let batchSeconds: Int64 = 10

    static func export(_ sources: [CollectedSource]) -> [UInt8] {
        var batches: [Int64: [(source: Int, time: LogInstant, bytes: [UInt8])]] = [:]
        for (index, source) in sources.enumerated() {
            for record in source.records {
                batches[record.time.nanoseconds / (batchSeconds * 1_000_000_000), default: []].append((index, record.time, record.bytes))
            }
        }
        var buffer = LineBuffer(capacity: 1 << 20)
        for window in batches.keys.sorted() {
            let records = batches[window] ?? []
            buffer.append(#"{"resourceLogs":["#)
            var firstResource = true
            for (index, source) in sources.enumerated() {
                let own = records.filter { $0.source == index }.enumerated()
                    .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
                guard !own.isEmpty else { continue }
                if !firstResource { buffer.append(byte: UInt8(ascii: ",")) }
                firstResource = false
                writeResource(source, to: &buffer)
                buffer.append(#","scopeLogs":[{"scope":{"name":"#)
                buffer.appendJSONString(source.service)
                buffer.append(#"},"logRecords":["#)
                for (offset, record) in own.enumerated() {
                    if offset > 0 { buffer.append(byte: UInt8(ascii: ",")) }
                    writeRecord(time: record.time, bytes: record.bytes, file: source.file.path, to: &buffer)
                }
                buffer.append("]}]}")
            }
            buffer.append("]}")
            buffer.newline()
        }
        return buffer.bytes
    }

    private static func writeResource(_ source: CollectedSource, to buffer: inout LineBuffer) {
        buffer.append(#"{"resource":{"attributes":["#)
        let attributes = [("service.name", source.service), ("host.name", source.host), ("k8s.namespace.name", "prod"),
                          ("k8s.pod.name", source.pod), ("k8s.container.name", source.service)]
        for (offset, (key, value)) in attributes.enumerated() {
            if offset > 0 { buffer.append(byte: UInt8(ascii: ",")) }
            buffer.append(#"{"key":"#)
            buffer.appendJSONString(key)
            buffer.append(#","value":{"stringValue":"#)
            buffer.appendJSONString(value)
            buffer.append("}}")
        }
        buffer.append("]}")
    }

    private static func writeRecord(time: LogInstant, bytes: [UInt8], file: String, to buffer: inout LineBuffer) {
        let lines = CollectedSource.lines(of: bytes)
        let level = CollectedLevel(line: lines.first ?? [])
        buffer.append(#"{"timeUnixNano":""#)
        buffer.append(Int(time.nanoseconds))
        buffer.append(#"","observedTimeUnixNano":""#)
        buffer.append(Int(CollectedSource.stamp(time, line: 0).nanoseconds))
        buffer.append(byte: UInt8(ascii: "\""))
        if level != .unspecified {
            buffer.appendJSONField("severityNumber", level.rawValue)
            buffer.appendJSONField("severityText", level.openTelemetryText)
        }
        buffer.append(#","body":{"stringValue":"#)
        buffer.appendJSONString(String(decoding: Array(lines.joined(separator: [0x0a])), as: UTF8.self))
        buffer.append(#"},"attributes":[{"key":"log.file.path","value":{"stringValue":"#)
        buffer.appendJSONString("/var/log/" + file.replacingOccurrences(of: "logs/", with: ""))
        buffer.append(#"}}],"traceId":"","spanId":""}"#)
    }
}
