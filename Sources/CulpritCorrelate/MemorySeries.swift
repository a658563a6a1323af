import CulpritModel

/// Memory of one instance (host, pod or file) of a service over time, one
/// sample per minute: the minute's lowest figure, which for a JVM's post-GC
/// heap or any sawtooth gauge is the floor a leak raises.
package struct MemorySeries: Sendable, Codable {
    package struct Sample: Sendable, Codable {
        package var minute: Int64
        package var bytes: Double
        package var evidence: EvidenceLine
    }

    package var instance: String
    package private(set) var samplesByMinute: [Int64: Sample] = [:]
    /// The largest known ceiling (GC capacity, container limit), in bytes.
    package var limit: Double?
    /// Minutes at which the instance (re)started: the series is split there.
    package var restarts: Set<Int64> = []

    package init(instance: String) { self.instance = instance }

    mutating func add(bytes: Double, at time: Int64, evidence: EvidenceLine) {
        let minute = time / 60_000_000
        if let existing = samplesByMinute[minute], existing.bytes <= bytes { return }
        samplesByMinute[minute] = Sample(minute: minute, bytes: bytes, evidence: evidence)
    }

    /// Samples in time order.
    package var samples: [Sample] { samplesByMinute.values.sorted { $0.minute < $1.minute } }

    /// Drops samples before `minute` (sliding windows in `watch`).
    mutating func prune(before minute: Int64) {
        samplesByMinute = samplesByMinute.filter { $0.key >= minute }
        restarts = restarts.filter { $0 >= minute }
    }
}
