import CulpritModel

/// What a Google Cloud Logging `LogEntry` means (one per line, as a Cloud Storage
/// sink or `gcloud logging read --format=json | jq -c '.[]'` writes them).
///
/// - Time: `timestamp` (RFC 3339, UTC; or `{seconds, nanos}`), when the line was
///   written or received: it wins over a time inside the payload.
/// - Message: `textPayload`, a line of its own, decoded again; or `jsonPayload`,
///   the app's JSON record, read as if it were the line (`message`, `msg`, its
///   level and service fields…).
/// - Level: the payload's own first, then `severity` (`DEFAULT` is none: GKE gives
///   every stderr line `ERROR`, so the line's word counts more).
/// - Service: the payload's own, else `resource.labels.container_name`, Cloud
///   Run's `service_name`, a `k8s-pod/app` label, else the pod's workload.
/// - Host: `resource.labels.pod_name`, else the instance.
enum CloudLoggingEntry {
    static let payloadPrefix = "jsonPayload."

    /// Whether `fields` are a LogEntry's: a payload, or a log name with a resource.
    static func isEntry(_ fields: RecordFields) -> Bool {
        if fields["textPayload"] != nil { return true }
        if fields["logName"] != nil, fields["resource.type"] != nil { return true }
        return fields.entries.contains { $0.key.hasPrefix(payloadPrefix) } && fields["timestamp"] != nil
    }

    static func decode(_ fields: RecordFields, with decoder: LineDecoder, depth: Int) -> DecodedLine {
        var decoded: DecodedLine
        if case .string(let text)? = fields["textPayload"] {
            var inner = Array(text.utf8)
            while let last = inner.last, last == 0x0A || last == 0x0D { inner.removeLast() }
            decoded = depth < LineDecoder.maxDepth
                ? inner.withUnsafeBufferPointer { decoder.decode($0, envelope: .text, depth: depth + 1) }
                : DecodedLine(message: inner)
        } else {
            var payload = RecordFields()
            for entry in fields.entries where entry.key.hasPrefix(payloadPrefix) {
                payload.entries.append((String(entry.key.dropFirst(payloadPrefix.count)), entry.value))
            }
            // The payload's keys as the app wrote them (`status`), beside the entry's own (`jsonPayload.status`).
            decoded = decoder.decodeStructured(payload, depth: depth + 1, raw: UnsafeBufferPointer(start: nil, count: 0))
        }
        if let time = time(fields, with: decoder) { decoded.time = time }
        if decoded.severity == nil, case .string(let word)? = fields["severity"] {
            decoded.severity = Severity(word: Array(word.utf8))
        }
        if decoded.service == nil { decoded.service = service(fields) }
        if decoded.host == nil {
            for key in ["resource.labels.pod_name", "resource.labels.instance_id", "labels.compute.googleapis.com/resource_name"] {
                if case .string(let host)? = fields[key], !host.isEmpty { decoded.host = host; break }
            }
        }
        decoded.fields.entries = fields.entries + decoded.fields.entries
        decoded.quotesMessage = true
        return decoded
    }

    static func service(_ fields: RecordFields) -> String? {
        for key in ["resource.labels.container_name", "resource.labels.service_name", "resource.labels.function_name",
                    "labels.k8s-pod/app", "labels.k8s-pod/app_kubernetes_io/name"] {
            if case .string(let name)? = fields[key], !name.isEmpty { return name }
        }
        if case .string(let pod)? = fields["resource.labels.pod_name"], !pod.isEmpty { return ServiceNaming.workload(ofPod: pod) }
        return nil
    }

    static func time(_ fields: RecordFields, with decoder: LineDecoder) -> Int64? {
        if case .string(let text)? = fields["timestamp"] {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { decoder.timestamps.parseISO(UnsafeBufferPointer($0), at: 0)?.micros }
        }
        // `{"seconds": …, "nanos": …}`: whole seconds within what a Double holds exactly.
        guard let seconds = fields["timestamp.seconds"]?.number, seconds > 0, seconds < 1e11, seconds == seconds.rounded() else { return nil }
        let nanos = fields["timestamp.nanos"]?.number ?? 0
        guard nanos >= 0, nanos < 1e9 else { return nil }
        return Int64(seconds) * 1_000_000 + Int64(nanos / 1_000)
    }
}
