/// What `journalctl -o json` and `journalctl -o export` print for a host whose
/// services run as systemd units (`<service>.service`).
///
/// A service's stdout reaches the journal one entry per line (`_TRANSPORT=stdout`);
/// a service that logs to the journal directly writes one entry per record, a
/// stack trace included (`_TRANSPORT=journal`). A host log's lines become the
/// entries they were made from: the kernel's, systemd's (with `UNIT=` naming the
/// unit a message is about) and other programs'. Every entry carries the
/// journal's own fields first: `__CURSOR`, `__REALTIME_TIMESTAMP` (µs since the
/// epoch), `__MONOTONIC_TIMESTAMP`, `_BOOT_ID`.
struct JournalCollection {
    /// The host the journal belongs to.
    let host: String
    private var entries: [(time: LogInstant, order: Int, fields: [(String, [UInt8])])] = []
    private let bootID: String
    private let machineID: String
    private let seqnumID: String

    init(host: String) {
        self.host = host
        var random = SplitMix64(named: host, salt: 0x6a6f75726e616c)
        bootID = random.hex(32)
        machineID = random.hex(32)
        seqnumID = random.hex(32)
    }

    /// Adds a service's records: one entry per line, or per record when `direct`.
    mutating func add(service source: CollectedSource, direct: Bool) {
        let unit = source.service + ".service"
        var random = SplitMix64(named: source.service, salt: 0x706964)
        let pid = 1_000 + random.below(60_000)
        let invocation = random.hex(32)
        let stream = random.hex(32)
        let executable = "/opt/\(source.service)/bin/\(source.service)"
        for record in source.records {
            let lines = CollectedSource.lines(of: record.bytes)
            let messages = direct ? [Array(lines.joined(separator: [0x0a]))] : lines
            for (index, message) in messages.enumerated() {
                var fields: [(String, [UInt8])] = [
                    ("_TRANSPORT", Array((direct ? "journal" : "stdout").utf8)),
                    ("PRIORITY", Array("6".utf8)),
                    ("SYSLOG_FACILITY", Array("3".utf8)),
                    ("SYSLOG_IDENTIFIER", Array(source.service.utf8)),
                    ("MESSAGE", message),
                    ("_PID", Array(String(pid).utf8)),
                    ("_UID", Array("998".utf8)),
                    ("_GID", Array("998".utf8)),
                    ("_COMM", Array(source.service.prefix(15).utf8)),
                    ("_EXE", Array(executable.utf8)),
                    ("_CMDLINE", Array(executable.utf8)),
                    ("_CAP_EFFECTIVE", Array("0".utf8)),
                    ("_SYSTEMD_CGROUP", Array("/system.slice/\(unit)".utf8)),
                    ("_SYSTEMD_UNIT", Array(unit.utf8)),
                    ("_SYSTEMD_SLICE", Array("system.slice".utf8)),
                    ("_SYSTEMD_INVOCATION_ID", Array(invocation.utf8)),
                ]
                if !direct { fields.append(("_STREAM_ID", Array(stream.utf8))) }
                append(at: CollectedSource.stamp(record.time, line: index), fields)
            }
        }
    }

    /// Adds a host log's lines as the entries they were made from.
    mutating func add(hostLog source: CollectedSource) {
        for record in source.records {
            let line = String(decoding: CollectedSource.lines(of: record.bytes).first ?? [], as: UTF8.self)
            guard let header = HostLogLine(line) else { continue }
            var fields: [(String, [UInt8])]
            switch header.program {
            case "kernel":
                let priority = header.message.contains("Out of memory") ? "3" : "6"
                fields = [("_TRANSPORT", Array("kernel".utf8)), ("PRIORITY", Array(priority.utf8)),
                          ("SYSLOG_FACILITY", Array("0".utf8)), ("SYSLOG_IDENTIFIER", Array("kernel".utf8)),
                          ("MESSAGE", Array(header.message.utf8))]
            case "systemd":
                fields = [("_TRANSPORT", Array("journal".utf8)), ("PRIORITY", Array("6".utf8)),
                          ("SYSLOG_FACILITY", Array("3".utf8)), ("SYSLOG_IDENTIFIER", Array("systemd".utf8)),
                          ("_PID", Array("1".utf8)), ("_COMM", Array("systemd".utf8)),
                          ("_SYSTEMD_CGROUP", Array("/init.scope".utf8)), ("_SYSTEMD_UNIT", Array("init.scope".utf8)),
                          ("_SYSTEMD_SLICE", Array("-.slice".utf8))]
                if let colon = header.message.firstIndex(of: ":"), header.message[..<colon].hasSuffix(".service") {
                    fields.append(("UNIT", Array(header.message[..<colon].utf8)))
                }
                fields.append(("MESSAGE", Array(header.message.utf8)))
            default:
                let unit = header.program.lowercased() + ".service"
                fields = [("_TRANSPORT", Array("syslog".utf8)), ("PRIORITY", Array("6".utf8)),
                          ("SYSLOG_FACILITY", Array("3".utf8)), ("SYSLOG_IDENTIFIER", Array(header.program.utf8))]
                if let pid = header.pid { fields.append(("SYSLOG_PID", Array(String(pid).utf8))) }
                fields.append(("MESSAGE", Array(header.message.utf8)))
                if let pid = header.pid { fields.append(("_PID", Array(String(pid).utf8))) }
                fields += [("_SYSTEMD_CGROUP", Array("/system.slice/\(unit)".utf8)), ("_SYSTEMD_UNIT", Array(unit.utf8)),
                           ("_SYSTEMD_SLICE", Array("system.slice".utf8))]
            }
            append(at: CollectedSource.stamp(record.time, line: 0), fields)
        }
    }

    private mutating func append(at time: LogInstant, _ fields: [(String, [UInt8])]) {
        entries.append((time, entries.count, fields + [("_BOOT_ID", Array(bootID.utf8)), ("_MACHINE_ID", Array(machineID.utf8)),
                                                       ("_HOSTNAME", Array(host.utf8)), ("_RUNTIME_SCOPE", Array("system".utf8))]))
    }

    /// The entries in time order, each with the journal's own fields in front.
    private func ordered() -> [[(String, [UInt8])]] {
        let sorted = entries.sorted { ($0.time, $0.order) < ($1.time, $1.order) }
        guard let first = sorted.first else { return [] }
        let bootMicros = first.time.nanoseconds / 1_000 - 3 * 86_400 * 1_000_000
        return sorted.enumerated().map { sequence, entry in
            let realtime = entry.time.nanoseconds / 1_000
            let monotonic = realtime - bootMicros
            let check = UInt64(bitPattern: realtime) &* 0x9e37_79b9_7f4a_7c15
            let cursor = "s=\(seqnumID);i=\(hex(sequence + 1));b=\(bootID);m=\(hex(monotonic));t=\(hex(realtime));x=\(hex(check))"
            return [("__CURSOR", Array(cursor.utf8)), ("__REALTIME_TIMESTAMP", Array(String(realtime).utf8)),
                    ("__MONOTONIC_TIMESTAMP", Array(String(monotonic).utf8))] + entry.fields
        }
    }

    private func hex(_ value: some BinaryInteger) -> String { String(value, radix: 16) }

    /// `journalctl -o json`: one object per line, every value a string.
    func json() -> [UInt8] {
        var buffer = LineBuffer(capacity: 1 << 20)
        for entry in ordered() {
            buffer.append(byte: UInt8(ascii: "{"))
            for (key, value) in entry {
                buffer.appendJSONKey(key)
                buffer.appendJSONString(String(decoding: value, as: UTF8.self))
            }
            buffer.append(byte: UInt8(ascii: "}"))
            buffer.newline()
        }
        return buffer.bytes
    }

    /// `journalctl -o export`: `KEY=VALUE` lines and a blank line after each entry; a
    /// value with a newline or another control byte is binary: `KEY`, a newline, its
    /// length as a little-endian 64-bit integer, the bytes, a newline.
    func export() -> [UInt8] {
        var buffer = LineBuffer(capacity: 1 << 20)
        for entry in ordered() {
            for (key, value) in entry {
                buffer.append(key)
                if value.contains(where: { $0 < 0x20 && $0 != 0x09 }) {
                    buffer.newline()
                    var length = UInt64(value.count)
                    for _ in 0..<8 {
                        buffer.append(byte: UInt8(truncatingIfNeeded: length))
                        length >>= 8
                    }
                    buffer.append(bytes: value)
                } else {
                    buffer.append(byte: UInt8(ascii: "="))
                    buffer.append(bytes: value)
                }
                buffer.newline()
            }
            buffer.newline()
        }
        return buffer.bytes
    }
}
