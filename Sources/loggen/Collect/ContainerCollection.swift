/// What container tools print: `kubectl logs --prefix [--timestamps]
/// --all-containers` and `docker logs -t`.
///
/// Both stamp each line with the time the runtime received it, RFC 3339 in UTC
/// with nine fraction digits (Go's `RFC3339NanoFixed`); kubectl's prefix is
/// `[pod/NAME/CONTAINER] `. Every line of a multi-line record is a line of its own.
enum ContainerCollection {
    /// One file for every pod, each pod's containers one after the other, as
    /// kubectl prints them when it does not follow (it reads one stream at a time).
    /// A service's files that are not per pod (nginx's access and error logs) are
    /// one container, their lines merged in time order.
    static func kubectl(_ sources: [CollectedSource], timestamps: Bool) -> [UInt8] {
        var pods: [String] = []
        var containers: [String: [String]] = [:]
        var records: [String: [(time: LogInstant, bytes: [UInt8])]] = [:]
        for source in sources {
            if containers[source.pod] == nil { pods.append(source.pod) }
            if containers[source.pod, default: []].contains(source.service) == false {
                containers[source.pod, default: []].append(source.service)
            }
            records["\(source.pod)/\(source.service)", default: []] += source.records
        }
        var buffer = LineBuffer(capacity: 1 << 20)
        for pod in pods {
            for container in containers[pod] ?? [] {
                let merged = records["\(pod)/\(container)", default: []].enumerated()
                    .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
                for record in merged {
                    for (index, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                        buffer.append("[pod/\(pod)/\(container)] ")
                        if timestamps { appendStamp(record.time, line: index, to: &buffer) }
                        buffer.append(bytes: line)
                        buffer.newline()
                    }
                }
            }
        }
        return buffer.bytes
    }

    /// `docker logs -t` of the container that wrote `source`.
    static func docker(_ source: CollectedSource) -> [UInt8] {
        var buffer = LineBuffer(capacity: 1 << 20)
        for record in source.records {
            for (index, line) in CollectedSource.lines(of: record.bytes).enumerated() {
                appendStamp(record.time, line: index, to: &buffer)
                buffer.append(bytes: line)
                buffer.newline()
            }
        }
        return buffer.bytes
    }

    private static func appendStamp(_ time: LogInstant, line: Int, to buffer: inout LineBuffer) {
        buffer.appendISO8601(CollectedSource.stamp(time, line: line), offset: .utc, fractionDigits: 9, offsetStyle: .zulu)
        buffer.append(byte: 0x20)
    }
}
