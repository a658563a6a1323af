import Foundation
@testable import CulpritModel
@testable import CulpritExtract

/// The zones the targets read local times in: UTC, and zones whose daylight-saving
/// shifts are an hour and half an hour (Lord Howe), which stress the offset cache.
let fuzzZones = ["UTC", "America/New_York", "Australia/Lord_Howe"].map { TimeZone(identifier: $0)! }

/// A timestamp parser per zone, made once: a run is one thread, and libFuzzer calls
/// the target millions of times. The year-less forms take 2025, never the future.
nonisolated(unsafe) let fuzzTimestampParsers = fuzzZones.map { zone in
    TimestampParser(zone: ZoneResolver(zone: zone), defaultYear: 2025,
                    latestPlausible: CivilTime.epochSeconds(year: 2025, month: 6, day: 1, hour: 0, minute: 0, second: 0))
}

/// The earliest and latest instants (µs) a time read from input can honestly be:
/// text forms take years 1970–2199 with offsets up to ±14 h; epoch numbers are at
/// most 10^20 ns. Anything outside came from wrapped or misread arithmetic.
let plausibleMicros: ClosedRange<Int64> = -14 * 3_600_000_000 ... 100_000_000_000_000_000
