/// The time zone a scenario's hosts keep their clocks in: an IANA name for
/// `--tz` and the fixed offset loggen writes with. Only zones without daylight
/// saving time are drawn, so one offset holds all day.
struct IncidentZone: Sendable {
    var name: String
    var offset: UTCOffset

    /// UTC, and zones that have kept one offset all year for a decade or more;
    /// the abbreviations are the ones tzdata prints (`%Z`).
    static let all: [IncidentZone] = [
        IncidentZone(name: "UTC", offset: .utc),
        IncidentZone(name: "Africa/Lagos", offset: .wat),
        IncidentZone(name: "Asia/Kolkata", offset: UTCOffset(seconds: 19_800, abbreviation: "IST")),
        IncidentZone(name: "Asia/Tokyo", offset: UTCOffset(seconds: 32_400, abbreviation: "JST")),
        IncidentZone(name: "America/Bogota", offset: UTCOffset(seconds: -18_000, abbreviation: "-05")),
        IncidentZone(name: "Europe/Istanbul", offset: UTCOffset(seconds: 10_800, abbreviation: "+03")),
        IncidentZone(name: "Africa/Nairobi", offset: UTCOffset(seconds: 10_800, abbreviation: "EAT")),
        IncidentZone(name: "Asia/Singapore", offset: UTCOffset(seconds: 28_800, abbreviation: "+08")),
    ]

    /// UTC half of the time (many fleets run on UTC), else another zone.
    static func draw(using random: inout SplitMix64) -> IncidentZone {
        random.chance(0.45) ? all[0] : random.pick(Array(all.dropFirst()))
    }

    var isUTC: Bool { offset.seconds == 0 }
}
