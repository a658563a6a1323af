/// The event kinds of culprit's contract (`extract --format ndjson`), in the
/// contract's order. loggen tags every line it writes with the kinds a good
/// extractor must turn it into, and `expected.json` counts them. `warning` (a
/// record at exactly warning level) is tagged only where a scenario is about
/// warnings; elsewhere warning lines are written untagged and not counted.
enum EventKind: String, CaseIterable, Sendable {
    case memory, oom, gc, error, http, latency, start, deploy, rollback, restart, config, warning
}
