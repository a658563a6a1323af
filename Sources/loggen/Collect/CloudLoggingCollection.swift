/// What a Google Cloud Logging sink to Cloud Storage writes for GKE containers:
/// one `LogEntry` per line, a container's lines one entry each.
///
/// A line that is a JSON object becomes `jsonPayload`, any other `textPayload`;
/// `resource.labels` name the pod and container, `timestamp` is when the runtime
/// received the line (RFC 3339, UTC), `severity` the level word the line prints or
/// `DEFAULT`.
enum CloudLoggingCollection {
    static let project = "shop-prod"

    static func entries(_ sources: [CollectedSource]) -> [UInt8] {
        var lines: [(time: LogInstant, order: Int, source: Int, text: [UInt8])] = []
        for (index, source) in sources.enumerated() {
            for record in source.records {
                for (offset, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                    lines.append((CollectedSource.stamp(record.time, line: offset), lines.count, index, line))
                }
            }
        }
        lines.sort { ($0.time, $0.order) < ($1.time, $1.order) }
        var random = SplitMix64(named: "cloud-logging")
        var buffer = LineBuffer(capacity: 1 << 20)
        for line in lines {
            let source = sources[line.source]
            buffer.append(#"{"insertId":"#)
            buffer.appendJSONString(random.hex(16))
            if line.text.first == UInt8(ascii: "{"), line.text.last == UInt8(ascii: "}") {
                buffer.append(#","jsonPayload":"#)
                buffer.append(bytes: line.text)
            } else {
                buffer.appendJSONField("textPayload", String(decoding: line.text, as: UTF8.self))
            }
            buffer.append(#","resource":{"type":"k8s_container","labels":{"#)
            for (key, value) in [("project_id", project), ("location", "europe-west1-b"), ("cluster_name", "prod-1"),
                                 ("namespace_name", "prod"), ("pod_name", source.pod), ("container_name", source.service)] {
                buffer.appendJSONField(key, value)
            }
            buffer.append("}}")
            buffer.appendJSONKey("timestamp")
            appendTime(line.time, to: &buffer)
            buffer.appendJSONField("severity", CollectedLevel(line: line.text).text)
            buffer.append(#","labels":{"#)
            buffer.appendJSONField("k8s-pod/app", source.service)
            buffer.append(byte: UInt8(ascii: "}"))
            buffer.appendJSONField("logName", "projects/\(project)/logs/stdout")
            buffer.appendJSONKey("receiveTimestamp")
            appendTime(line.time.adding(seconds: 1.2), to: &buffer)
            buffer.append(byte: UInt8(ascii: "}"))
            buffer.newline()
        }
        return buffer.bytes
    }

    private static func appendTime(_ time: LogInstant, to buffer: inout LineBuffer) {
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 9, offsetStyle: .zulu)
        buffer.append(byte: UInt8(ascii: "\""))
    }
}
