import Foundation

/// `--since` / `--until`: an RFC 3339 instant, or a duration (`90m`, `24h`,
/// `7d`, `1h30m`) back from an anchor — now, or the last event in the input.
public struct TimeWindowSpec: Sendable {
    public enum Bound: Sendable, Equatable {
        case instant(Int64)
        case before(Int64)
    }

    public enum Anchor: String, Sendable, CaseIterable {
        case now
        case lastEvent = "last-event"
    }

    public var since: Bound?
    public var until: Bound?
    public var anchor: Anchor

    public init(since: String?, until: String?, anchor: Anchor, zone: TimeZone) throws(TimeWindowError) {
        self.since = try since.map { text throws(TimeWindowError) in try Self.parse(text, zone: zone, option: "--since") }
        self.until = try until.map { text throws(TimeWindowError) in try Self.parse(text, zone: zone, option: "--until") }
        self.anchor = anchor
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
            case .before(let duration): return anchorTime - duration
            case nil: return nil
            }
        }
        return (value(since), value(until))
    }

    public static var nowMicros: Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    static func parse(_ text: String, zone: TimeZone, option: String) throws(TimeWindowError) -> Bound {
        if let duration = parseDuration(text) { return .before(duration) }
        var bytes = Array(text.utf8)
        let parser = TimestampParser(zone: ZoneResolver(zone: zone), defaultYear: 2000, latestPlausible: .max / 4)
        let parsed = bytes.withUnsafeMutableBufferPointer { parser.parse(UnsafeBufferPointer($0), at: 0) }
        guard let parsed, parsed.end == bytes.count else {
            throw TimeWindowError(message: "\(option) '\(text)': use an RFC 3339 time (2025-03-12T01:00:00Z) or a duration (90m, 24h, 7d)")
        }
        return .instant(parsed.micros)
    }

    /// `90m`, `24h`, `7d`, `1h30m`, `45s`, `2w` → microseconds; nil when it is not a duration.
    public static func parseDuration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64 = 0
        var sawDigit = false
        var sawUnit = false
        for character in text {
            if let digit = character.wholeNumberValue {
                number = number * 10 + Int64(digit)
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            let seconds: Int64
            switch character {
            case "s": seconds = 1
            case "m": seconds = 60
            case "h": seconds = 3600
            case "d": seconds = 86_400
            case "w": seconds = 604_800
            default: return nil
            }
            total += number * seconds * 1_000_000
            number = 0
            sawDigit = false
            sawUnit = true
        }
        return sawUnit && !sawDigit ? total : nil
    }
}

public struct TimeWindowError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
