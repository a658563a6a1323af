import Foundation

/// Turns a civil time with no offset into UTC for the zone given by `--tz`.
///
/// Foundation's `TimeZone` answers the offset, but it is too slow to ask per line,
/// so the answer is cached per local hour (offsets change on hour boundaries in
/// every zone in use). One resolver per worker thread: the cache is not shared.
public final class ZoneResolver {
    /// The zone local times are read in.
    public let zone: TimeZone
    private let isUTC: Bool
    private var cachedHour: Int64 = .min
    private var cachedOffset: Int64 = 0

    /// A resolver for `zone`.
    public init(zone: TimeZone) {
        self.zone = zone
        isUTC = zone.identifier == "UTC" || zone.identifier == "GMT" || (zone.secondsFromGMT() == 0 && zone.nextDaylightSavingTimeTransition == nil)
    }

    /// The UTC epoch seconds for `localSeconds` (a civil time read as if it were UTC).
    @inline(__always)
    public func utcSeconds(fromLocal localSeconds: Int64) -> Int64 {
        if isUTC { return localSeconds }
        let hour = localSeconds >= 0 ? localSeconds / 3600 : (localSeconds - 3599) / 3600
        if hour != cachedHour {
            let guess = localSeconds - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds))))
            cachedOffset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess))))
            cachedHour = hour
        }
        return localSeconds - cachedOffset
    }
}
