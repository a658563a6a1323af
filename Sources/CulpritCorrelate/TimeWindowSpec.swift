import Foundation
import CulpritModel
import CulpritExtract

/// `--since` / `--until`: an RFC 3339 instant, or a duration (`90m`, `24h`,
/// `7d`, `1h30m`) back from an anchor — now, or the last event in the input.
public struct TimeWindowSpec: Sendable {
    /// One end of the window.
    public enum Bound: Sendable, Equatable {
        case instant(Int64)
        case before(Int64)
    }

    /// What a duration counts back from (`--anchor`).
    public enum Anchor: String, Sendable, CaseIterable {
        case now
        case lastEvent = "last-event"
    }

    /// The window's start; nil for open.
    public var since: Bound?
    /// The window's end; nil for open.
    public var until: Bound?
    /// What durations count back from.
    public var anchor: Anchor

    /// Reads `--since` and `--until` (local times in `zone`); throws when either is unreadable or the window is empty.
    public init(since: String?, until: String?, anchor: Anchor, zone: TimeZone) throws(TimeWindowError) {
        self.since = try since.map { text throws(TimeWindowError) in try Self.parse(text, zone: zone, option: "--since") }
        self.until = try until.map { text throws(TimeWindowError) in try Self.parse(text, zone: zone, option: "--until") }
        self.anchor = anchor
        // Bounds of one kind compare without the anchor: say so now rather than read nothing.
        switch (self.since, self.until) {
        case (.instant(let start)?, .instant(let end)?) where start > end,
             (.before(let start)?, .before(let end)?) where start < end:
            throw TimeWindowError(message: "--since \(since ?? "") is later than --until \(until ?? ""): the window would be empty")
        default:
            break
        }
    }

    /// A window whose resolved start is after its end is empty: the message to
    /// print, nil when the window is fine.
    public static func emptyWindowMessage(since: Int64?, until: Int64?) -> String? {
        guard let since, let until, since > until else { return nil }
        return "--since \(CivilTime.rfc3339(since)) is later than --until \(CivilTime.rfc3339(until)): the window is empty"
    }

    /// Whether a bound needs the last event's time (so it is applied after reading).
    public var needsLastEvent: Bool {
        guard anchor == .lastEvent else { return false }
        if case .before = since { return true }
        if case .before = until { return true }
        return false
    }

    /// The bounds in microseconds given the anchor's time.
    public func resolve(anchorTime: Int64) -> (since: Int64?, until: Int64?) {
        func value(_ bound: Bound?) -> Int64? {
            switch bound {
            case .instant(let micros): return micros
            case .before(let duration): return anchorTime.subtractingReportingOverflow(duration).overflow ? .min : anchorTime - duration
            case nil: return nil
            }
        }
        return (value(since), value(until))
    }

    /// The wall clock now, microseconds since the epoch.
    public static var nowMicros: Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    static func parse(_ text: String, zone: TimeZone, option: String) throws(TimeWindowError) -> Bound {
        if let duration = parseDuration(text) { return .before(duration) }
        if looksLikeDuration(text) {
            throw TimeWindowError(message: "\(option) '\(text)': a duration of at most 100 years (such as 90m, 24h, 7d)")
        }
        var bytes = Array(text.utf8)
        let parser = TimestampParser(zone: ZoneResolver(zone: zone), defaultYear: 2000, latestPlausible: .max / 4)
        let parsed = bytes.withUnsafeMutableBufferPointer { parser.parse(UnsafeBufferPointer($0), at: 0) }
        guard let parsed, parsed.end == bytes.count else {
            throw TimeWindowError(message: "\(option) '\(text)': use an RFC 3339 time (2025-03-12T01:00:00Z) or a duration (90m, 24h, 7d)")
        }
        return .instant(parsed.micros)
    }

    /// The longest duration accepted: 100 years, far beyond any log's span and
    /// far inside `Int64` microseconds (about 292,000 years).
    public static let maximumDurationMicros: Int64 = 100 * 366 * 86_400 * 1_000_000

    /// `90m`, `24h`, `7d`, `1h30m`, `45s`, `2w` → microseconds; nil when it is
    /// not a duration or is longer than `maximumDurationMicros` (no input wraps).
    public static func parseDuration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64 = 0
        var sawDigit = false
        var sawUnit = false
        for byte in text.utf8 {
            if byte &- 48 < 10 {
                let (scaled, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = scaled.addingReportingOverflow(Int64(byte &- 48))
                guard !overflow1, !overflow2, next <= maximumDurationMicros else { return nil }
                number = next
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            let seconds: Int64
            switch byte {
            case UInt8(ascii: "s"): seconds = 1
            case UInt8(ascii: "m"): seconds = 60
            case UInt8(ascii: "h"): seconds = 3600
            case UInt8(ascii: "d"): seconds = 86_400
            case UInt8(ascii: "w"): seconds = 604_800
            default: return nil
            }
            let (micros, overflow1) = number.multipliedReportingOverflow(by: seconds * 1_000_000)
            let (sum, overflow2) = total.addingReportingOverflow(micros)
            guard !overflow1, !overflow2, sum <= maximumDurationMicros else { return nil }
            total = sum
            number = 0
            sawDigit = false
            sawUnit = true
        }
        return sawUnit && !sawDigit ? total : nil
    }

    /// Whether `text` has a duration's shape (digits and unit letters), so an
    /// out-of-range one gets its own message rather than "not a time".
    static func looksLikeDuration(_ text: String) -> Bool {
        guard let first = text.utf8.first, first &- 48 < 10 else { return false }
        return text.utf8.allSatisfy { $0 &- 48 < 10 || "smhdw".utf8.contains($0) }
    }
}

/// A `--since` or `--until` that cannot be used, with the message for the terminal.
public struct TimeWindowError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to give instead.
    public var message: String
    /// The message.
    public var description: String { message }
}
