import CulpritModel

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
    var dependency: String?
    /// The product a start line names with its version (`gunicorn`, `PostgreSQL`).
    var product: String?
}

/// The ranges a figure read from a log may take. A number outside them is a
/// corrupt or hostile line, not a measurement: `1e300` bytes of heap would turn
/// a leak's slope into nonsense and overflow every integer it is shown as.
///
/// - Memory: 0 … 2⁶⁰ bytes (1 EiB, far above any machine's memory).
/// - Durations: 0 … 10⁷ s (about 116 days; no latency or GC pause is longer).
/// - Counts and other values: finite and within ±10¹⁵ (exact as `Int64` and `Double`).
enum PlausibleValue {
    static let maximumBytes = 1_152_921_504_606_846_976.0
    static let maximumSeconds = 10_000_000.0
    static let maximumMagnitude = 1e15

    static func bytes(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= maximumBytes }
    static func seconds(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= maximumSeconds }
    static func count(_ value: Double) -> Bool { value.isFinite && abs(value) <= maximumMagnitude }
}

extension EventDraft {
    /// Removes implausible figures in place (no copy of the draft's strings on
    /// the hot path); false when the figure was the event (a memory reading or a
    /// latency without a plausible value) and the draft must be dropped.
    mutating func keepPlausibleValues() -> Bool {
        if let limit, !PlausibleValue.bytes(limit) { self.limit = nil }
        if let duration, !PlausibleValue.seconds(duration) { self.duration = nil }
        guard let value else { return true }
        let plausible: Bool
        switch unit {
        case .bytes?: plausible = PlausibleValue.bytes(value)
        case .seconds?: plausible = PlausibleValue.seconds(value)
        default: plausible = PlausibleValue.count(value)
        }
        guard !plausible else { return true }
        switch kind {
        case .memory, .latency: return false
        default:
            self.value = nil
            unit = nil
            return true
        }
    }
}
