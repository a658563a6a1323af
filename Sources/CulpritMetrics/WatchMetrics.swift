import Foundation
import CulpritModel
import CulpritWatch
import Prometheus

/// The Prometheus series `watch --metrics` serves, refreshed after each evaluation:
/// per service memory, growth slope, the 5xx ratio and the errors per minute
/// (and the older `culprit_error_rate`, which is one or the other), OOM and restart counts, and the
/// top suspect's score; the lines read so far (a counter) and the events in the window (a gauge).
package final class WatchMetrics: Sendable {
    package let registry = PrometheusCollectorRegistry()
    private let state = LockedState()

    package init() {}

    /// Updates every series from the engine's latest findings and aggregates;
    /// `linesRead` is the session's total so far (from pipes, replayed and followed files).
    package func update(from engine: WatchEngine, linesRead: Int) {
        let findings = engine.lastFindings
        let lines = registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "culprit", metricName: "lines_read", unitName: "total",
                                                                          helpText: "Lines read by watch (pipes, replayed and followed files)"))
        lines.increment(by: Int64(state.advanceLinesRead(to: linesRead)))
        gauge("events", unit: "in_window", help: "Events in the sliding window").set(Double(engine.eventsInWindow))
        for (name, activity) in engine.aggregator.services {
            let labels = [("service", name)]
            if let latest = activity.memory.values.compactMap({ $0.samples.last }).max(by: { $0.minute < $1.minute }) {
                gauge("memory", unit: "bytes", help: "Latest memory figure of the service", labels: labels).set(latest.bytes)
            }
            let growth = findings?.anomalies.first { $0.service == name && $0.kind == .memoryGrowth && $0.end == nil }?.growth
            gauge("memory_growth", unit: "bytes_per_second", help: "Memory growth slope of an ongoing leak (0 when none)", labels: labels)
                .set((growth?.bytesPerMinute ?? 0) / 60)
            let recent = activity.minutes.keys.sorted().suffix(5)
            let countsResponses = activity.logsRequests
            let errors = recent.reduce(0) { $0 + (activity.minutes[$1]?.errors(countingResponses: countsResponses) ?? 0) }
            let requests = recent.reduce(0) { $0 + (activity.minutes[$1]?.requests ?? 0) }
            let minutes = Double(max(recent.count, 1))
            // Kept for the dashboards built on it: a ratio for services that log requests, a count per minute otherwise.
            gauge("error", unit: "rate", help: "Deprecated: culprit_http_5xx_ratio where requests are logged, else culprit_errors_per_minute", labels: labels)
                .set(requests > 0 ? Double(errors) / Double(requests) : Double(errors) / minutes)
            if requests > 0 {
                let serverErrors = recent.reduce(0) { $0 + (activity.minutes[$1]?.serverErrors ?? 0) }
                gauge("http_5xx", unit: "ratio", help: "5xx responses per request over the last 5 log minutes (0 to 1); only for services that log requests", labels: labels)
                    .set(Double(serverErrors) / Double(requests))
            }
            let errorRecords = recent.reduce(0) { $0 + (activity.minutes[$1]?.errorRecords ?? 0) }
            gauge("errors", unit: "per_minute", help: "Error records per log minute over the last 5 log minutes", labels: labels)
                .set(Double(errorRecords) / minutes)
            gauge("oom", unit: "kills", help: "OOM kills in the window", labels: labels).set(Double(activity.ooms.count))
            let restarts = findings?.changes.filter { $0.service == name && $0.kind == .restart }.count ?? 0
            gauge("restarts", unit: "in_window", help: "Restarts in the window", labels: labels).set(Double(restarts))
        }
        let top = findings?.suspects.first
        let labels = top.map { [("service", $0.change.service), ("version", $0.change.version ?? ""), ("change", $0.change.kind.rawValue)] }
        if let previous = state.swapTopLabels(labels), previous.map(\.1) != labels?.map(\.1) {
            registry.unregisterGauge(gauge("top_suspect", unit: "score", help: Self.scoreHelp, labels: previous))
        }
        if let top, let labels {
            gauge("top_suspect", unit: "score", help: Self.scoreHelp, labels: labels).set(top.score)
        }
    }

    static let scoreHelp = "Score of the top suspect change (0 to 1)"

    /// Per input (path, and the format it is read as): lines read, events
    /// extracted and events no time could be put on, as counters, so a file
    /// culprit reads but finds nothing in is visible on a dashboard.
    package func update(inputs: [String: InputAccount]) {
        for (path, account) in inputs.sorted(by: { $0.key < $1.key }) {
            let labels = [("path", path), ("format", account.format)]
            for (metric, help, total) in [("input_lines", "Lines read from the input", account.lines),
                                          ("input_events", "Events extracted from the input", account.events),
                                          ("input_undated_events", "Events of the input no time could be put on", account.undated)] {
                let counter = registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "culprit", metricName: metric, unitName: "total", helpText: help),
                                                   labels: labels)
                counter.increment(by: Int64(state.advance("\(metric)\u{0}\(path)\u{0}\(account.format)", to: total)))
            }
        }
    }

    /// A gauge named `culprit_<metric>_<unit>`.
    private func gauge(_ metric: String, unit: String, help: String, labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "culprit", metricName: metric, unitName: unit, helpText: help), labels: labels)
    }

    /// The exposition text.
    package func render() -> [UInt8] { registry.emitToBuffer() }
}

/// What the series need from one update to the next: the lines already
/// counted, and the label set of the last top-suspect gauge, to retire it when the top changes.
private final class LockedState: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var topLabels: [(String, String)]?
    private var linesCounted = 0

    /// The lines read since the last call, given the total now.
    func advanceLinesRead(to total: Int) -> Int {
        lock.withLock {
            let new = max(0, total - linesCounted)
            linesCounted = max(linesCounted, total)
            return new
        }
    }

    private var counted = [String: Int]()

    /// The part of `total` not yet counted under `key`, given the total now.
    func advance(_ key: String, to total: Int) -> Int {
        lock.withLock {
            let before = counted[key] ?? 0
            counted[key] = max(before, total)
            return max(0, total - before)
        }
    }

    func swapTopLabels(_ labels: [(String, String)]?) -> [(String, String)]? {
        lock.withLock {
            let previous = topLabels
            topLabels = labels
            return previous
        }
    }
}
