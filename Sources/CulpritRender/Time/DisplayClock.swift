import Foundation
import CulpritModel

/// The reader's clock: every time culprit shows people (table, Markdown, HTML,
/// watch's alert lines) is written by one of these, in one zone, one way —
/// `2025-03-12 01:50 WAT`, or `01:50 WAT` where the date is already given —
/// labelled with the zone's abbreviation, or its offset (`+04:00`) where the
/// zone has none. Machine formats (JSON, NDJSON) stay RFC 3339 UTC.
public struct DisplayClock: Sendable {
    /// The zone times are shown in.
    public let zone: TimeZone
    /// Its name as given (`Africa/Lagos`; Foundation calls UTC `GMT`).
    public let name: String
    /// Its tz database file, for the abbreviations Foundation on Linux does not give.
    private let names: ZoneInfoFile?

    /// UTC, labelled `UTC`.
    public static let utc = DisplayClock(identifier: "UTC") ?? DisplayClock(zone: TimeZone(secondsFromGMT: 0)!)

    /// A clock showing times in `zone`.
    public init(zone: TimeZone) {
        self.init(zone: zone, name: zone.identifier, names: ZoneInfoFile.load(identifier: zone.identifier))
    }

    /// A clock showing times in the IANA zone `identifier` (`Africa/Lagos`, `UTC`); nil when there is no such zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone: zone, name: identifier, names: ZoneInfoFile.load(identifier: identifier))
    }

    init(zone: TimeZone, name: String, names: ZoneInfoFile?) {
        self.zone = zone
        self.name = name
        self.names = names
    }

    /// `2025-03-12 01:50 WAT`.
    public func minute(_ micros: Int64) -> String {
        date(micros) + " " + time(micros)
    }

    /// `01:50 WAT`: for where the date is already given.
    public func time(_ micros: Int64) -> String {
        clock(micros) + " " + label(micros)
    }

    /// `2025-03-12 01:00 – 05:44 WAT` within a day (and one zone name),
    /// `2025-03-12 23:00 WAT – 2025-03-13 01:10 WAT` across days.
    /// `separator` joins the two (`" and "` for "between … and …").
    public func range(_ start: Int64, _ end: Int64, separator: String = " – ") -> String {
        if day(start) == day(end), label(start) == label(end) { return date(start) + " " + clock(start) + separator + time(end) }
        return minute(start) + separator + minute(end)
    }

    /// `2025-03-12`: the local date.
    public func date(_ micros: Int64) -> String {
        let civil = CivilTime.civilFromDays(Int(day(micros)))
        return Self.pad(civil.year, 4) + "-" + Self.pad(civil.month, 2) + "-" + Self.pad(civil.day, 2)
    }

    /// `01:50`: the local time of day without the zone (an axis tick, a range's start).
    public func clock(_ micros: Int64) -> String {
        let second = secondOfDay(micros)
        return Self.pad(Int(second / 3600), 2) + ":" + Self.pad(Int(second % 3600 / 60), 2)
    }

    /// The zone's name at `micros`: its abbreviation (`WAT`, `EDT`, `UTC`) or its offset (`+05:45`).
    public func label(_ micros: Int64) -> String {
        let seconds = Self.floorDivide(micros, 1_000_000)
        let instant = Date(timeIntervalSince1970: Double(seconds))
        let offset = zone.secondsFromGMT(for: instant)
        if let names {
            if let found = names.designation(atSeconds: seconds, daylightSaving: zone.isDaylightSavingTime(for: instant)),
               found.offsetSeconds == nil || found.offsetSeconds == offset, Self.isAbbreviation(found.name) {
                return found.name
            }
        } else if let abbreviation = zone.abbreviation(for: instant), Self.isAbbreviation(abbreviation) {
            return abbreviation
        }
        return Self.offsetText(offset)
    }

    /// Local days since the epoch at `micros`, rounding towards the past.
    public func day(_ micros: Int64) -> Int64 {
        Self.floorDivide(Self.floorDivide(local(micros), 1_000_000), 86_400)
    }

    /// Seconds since local midnight at `micros`.
    func secondOfDay(_ micros: Int64) -> Int64 {
        Self.floorDivide(local(micros), 1_000_000) - day(micros) * 86_400
    }

    /// The zone's offset from UTC at `micros`, seconds.
    func offsetSeconds(_ micros: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.floorDivide(micros, 1_000_000))))
    }

    /// `micros` moved by the zone's offset, so UTC calendar arithmetic gives local dates and clocks.
    func local(_ micros: Int64) -> Int64 {
        let (moved, overflow) = micros.addingReportingOverflow(Int64(offsetSeconds(micros)) * 1_000_000)
        return overflow ? micros : moved
    }

    /// Letters only, as tz abbreviations are (`WAT`, `AEDT`); tzdata writes `+04` or `-03` for a zone without one.
    static func isAbbreviation(_ text: String) -> Bool {
        (2...6).contains(text.utf8.count) && text.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }

    /// `+01:00`, `-03:30`, `+00:00`.
    static func offsetText(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
