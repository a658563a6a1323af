/// A point in time as nanoseconds since the Unix epoch, in UTC.
///
/// Scenarios are written in local wall-clock terms (`.local(2025, 3, 12, 3, 15, offset: .wat)`),
/// but every instant is stored in UTC so lines from files in different zones sort together.
struct LogInstant: Comparable, Hashable, Sendable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    var nanoseconds: Int64

    init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The instant at a wall-clock time in a zone `offset` away from UTC.
    static func local(
        _ year: Int, _ month: Int, _ day: Int,
        _ hour: Int, _ minute: Int, _ second: Double = 0,
        offset: UTCOffset
    ) -> LogInstant {
        let days = CivilDateTime.daysFromCivil(year: year, month: month, day: day)
        let wholeSeconds = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60) - Int64(offset.seconds)
        return LogInstant(nanoseconds: wholeSeconds * 1_000_000_000 + Int64((second * 1e9).rounded()))
    }

    /// The instant at a UTC wall-clock time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Double = 0) -> LogInstant {
        local(year, month, day, hour, minute, second, offset: .utc)
    }

    /// Milliseconds since the epoch (pino's `time`).
    var epochMilliseconds: Int64 { nanoseconds / 1_000_000 }

    /// This instant moved by `seconds` (fractions kept to the nanosecond).
    func adding(seconds: Double) -> LogInstant {
        LogInstant(nanoseconds: nanoseconds + Int64((seconds * 1e9).rounded()))
    }

    /// Seconds from `other` to `self` (negative when `self` is earlier).
    func seconds(since other: LogInstant) -> Double {
        Double(nanoseconds - other.nanoseconds) / 1e9
    }

    /// Minutes from `other` to `self`.
    func minutes(since other: LogInstant) -> Double {
        seconds(since: other) / 60
    }

    static func < (lhs: LogInstant, rhs: LogInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
