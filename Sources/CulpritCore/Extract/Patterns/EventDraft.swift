/// What a pattern found in one record, before the record's time, service and
/// source are attached.
struct EventDraft {
    var kind: EventKind
    /// The pattern that matched. Unowned: drafts live only while the record is
    /// matched, and the pattern set outlives every worker.
    unowned(unsafe) var pattern: CompiledPattern
    var value: Double?
    var unit: ValueUnit?
    var limit: Double?
    var duration: Double?
    var status: Int?
    var service: String?
    var version: String?
    var host: String?
}
