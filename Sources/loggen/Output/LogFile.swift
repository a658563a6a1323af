/// One log file of a sample scenario, collected as timed entries and written in
/// time order.
///
/// Several generators feed the same file (traffic, memory gauges, errors, start
/// lines), each walking its own timeline; sorting the entries by time, then by the
/// order they were added, interleaves them as the service would have written them.
/// Each entry also says which events it must yield, so `expected.json` is counted
/// from exactly what was written.
final class LogFile {
    /// Path inside the scenario folder, e.g. `logs/auth-service/app.log`.
    let path: String
    /// The service that events of this file belong to unless an entry names another:
    /// the folder under `logs/`.
    let service: String
    private var entries: [Entry] = []
    private(set) var tally = EventTally()

    private struct Entry {
        var time: LogInstant
        var sequence: Int
        var bytes: [UInt8]
        var kinds: [EventKind]
        var service: String
    }

    init(path: String, service: String) {
        self.path = path
        self.service = service
    }

    /// A file at `logs/<service>/<name>` whose events belong to `service`.
    convenience init(service: String, name: String) {
        self.init(path: "logs/\(service)/\(name)", service: service)
    }

    /// Adds one record at `time` that must yield one event of each of `kinds` (for
    /// `service`, or the file's service). `render` writes the record without its
    /// final newline; a multi-line record (a stack trace) writes its inner newlines.
    func add(
        at time: LogInstant, _ kinds: [EventKind] = [], service: String? = nil,
        render: (inout LineBuffer) -> Void
    ) {
        var buffer = LineBuffer(capacity: 256)
        render(&buffer)
        buffer.newline()
        let owner = service ?? self.service
        entries.append(Entry(time: time, sequence: entries.count, bytes: buffer.bytes, kinds: kinds, service: owner))
        tally.record(kinds, service: owner)
    }

    private var ordered: [Entry] {
        entries.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
    }

    /// The records that must yield events, as `contents()` orders them: each
    /// record's first line number (1-based), its service and its kinds.
    func eventLines() -> [(line: Int, service: String, kinds: [EventKind])] {
        var line = 1
        var rows: [(line: Int, service: String, kinds: [EventKind])] = []
        for entry in ordered {
            if !entry.kinds.isEmpty { rows.append((line, entry.service, entry.kinds)) }
            line += entry.bytes.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
        }
        return rows
    }

    /// Every record in time order: when it was written and its bytes (ending with
    /// a newline), for writing the file the way a log collector would show it.
    func records() -> [(time: LogInstant, bytes: [UInt8])] {
        ordered.map { ($0.time, $0.bytes) }
    }

    /// The file's contents: every record in time order.
    func contents() -> [UInt8] {
        let ordered = self.ordered
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ordered.reduce(0) { $0 + $1.bytes.count })
        for entry in ordered { bytes.append(contentsOf: entry.bytes) }
        return bytes
    }
}
