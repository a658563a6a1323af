import Foundation
import CulpritModel
import CulpritCorrelate
import CulpritRender

/// Something `watch` tells the user as it happens.
public struct Alert: Sendable {
    /// The contract's alert kinds.
    public enum Kind: String, Sendable {
        case memoryGrowth = "memory_growth"
        case oom
        case errorSpike = "error_spike"
        case latencySpike = "latency_spike"
        case culprit
        case resolved
    }

    /// Log time of the line that triggered it (microseconds).
    public var time: Int64
    /// What it is about.
    public var kind: Kind
    /// The service it is about.
    public var service: String
    /// One sentence for people, its times RFC 3339 UTC (the NDJSON's).
    public var summary: String
    /// For a `culprit` alert, the suspect.
    public var suspect: Suspect?
    /// The lines that show it.
    public var refs: [SourceRef]
    /// The summary with its times on the reader's clock, when it names a time.
    public var localSummary: String? = nil

    /// The NDJSON form: `{"time","kind","service","summary","suspect","refs"}`.
    public var json: JSONValue {
        .object([
            ("time", .time(time)),
            ("kind", .string(kind.rawValue)),
            ("service", .string(service)),
            ("summary", .string(summary)),
            ("suspect", suspect.map(FindingsJSON.suspect) ?? .null),
            ("refs", .array(refs.map { .string($0.description) })),
        ])
    }

    /// One line for people, its times on `clock`: `2025-03-12 01:58 WAT CULPRIT auth-service: … [auth.log:120]`.
    public func humanLine(clock: DisplayClock = .utc) -> String {
        let label = kind == .culprit ? "CULPRIT" : kind == .resolved ? "RESOLVED" : kind.rawValue.replacingOccurrences(of: "_", with: " ").uppercased()
        var line = "\(clock.minute(time)) \(label) \(service): \(localSummary ?? summary)"
        if !refs.isEmpty { line += " [" + refs.prefix(3).map(\.description).joined(separator: " ") + "]" }
        return line
    }
}
