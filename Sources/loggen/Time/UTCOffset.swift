/// A fixed offset from UTC, with the abbreviation formats such as PostgreSQL's
/// `log_line_prefix` `%m` print after the time.
///
/// loggen needs fixed offsets only: the scenarios' zones (West Africa Time, UTC)
/// have no daylight-saving changes.
struct UTCOffset: Sendable, Hashable {
    /// Seconds east of UTC.
    var seconds: Int
    /// The zone abbreviation, e.g. `WAT`.
    var abbreviation: String

    /// Coordinated Universal Time.
    static let utc = UTCOffset(seconds: 0, abbreviation: "UTC")
    /// West Africa Time (Africa/Lagos), UTC+1 all year.
    static let wat = UTCOffset(seconds: 3_600, abbreviation: "WAT")
}
