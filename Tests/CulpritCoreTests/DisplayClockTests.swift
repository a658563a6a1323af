import Foundation
import Testing
@testable import CulpritRender

/// The reader's clock: one way of writing a time, in the reader's zone, labelled.
@Suite struct DisplayClockTests {
    /// Microseconds of a UTC wall-clock time.
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
        return Int64(date.timeIntervalSince1970) * 1_000_000
    }

    func clock(_ identifier: String) throws -> DisplayClock { try #require(DisplayClock(identifier: identifier)) }

    @Test func lagosTimesCarryWATEvenWhereFoundationSaysGMTPlusOne() throws {
        let deploy = utc(2025, 3, 12, 0, 50)
        #expect(try clock("Africa/Lagos").minute(deploy) == "2025-03-12 01:50 WAT")
        #expect(try clock("Africa/Lagos").time(deploy) == "01:50 WAT")
    }

    @Test func utcIsLabelledUTC() throws {
        #expect(DisplayClock.utc.minute(utc(2025, 3, 12, 0, 50)) == "2025-03-12 00:50 UTC")
        #expect(try clock("UTC").label(0) == "UTC")
    }

    @Test func daylightSavingNamesFollowTheInstantAndTheDateIsLocal() throws {
        let newYork = try clock("America/New_York")
        #expect(newYork.minute(utc(2025, 1, 15, 12, 0)) == "2025-01-15 07:00 EST")
        #expect(newYork.minute(utc(2025, 3, 12, 0, 50)) == "2025-03-11 20:50 EDT")
        // Past the file's last transition the footer's rule names the time.
        #expect(newYork.minute(utc(2075, 7, 1, 12, 0)) == "2075-07-01 08:00 EDT")
    }

    @Test func aZoneWithoutAnAbbreviationShowsItsOffset() throws {
        #expect(try clock("Asia/Dubai").time(utc(2025, 3, 12, 0, 50)) == "04:50 +04:00")
        #expect(try clock("Asia/Kathmandu").label(utc(2025, 3, 12, 0, 50)) == "+05:45")
        #expect(try clock("America/Sao_Paulo").label(utc(2025, 3, 12, 0, 50)) == "-03:00")
    }

    @Test func withoutAZoneFileTheOffsetStillLabelsTheTime() throws {
        let lagos = try #require(TimeZone(identifier: "Africa/Lagos"))
        let bare = DisplayClock(zone: lagos, name: "Africa/Lagos", names: nil)
        let label = bare.label(utc(2025, 3, 12, 0, 50))
        #expect(label == "+01:00" || label == "WAT", "Foundation's GMT+1 is not an abbreviation: \(label)")
    }

    @Test func aRangeWithinOneLocalDaySaysTheDateOnce() throws {
        let lagos = try clock("Africa/Lagos")
        #expect(lagos.range(utc(2025, 3, 12, 0, 0), utc(2025, 3, 12, 4, 44)) == "2025-03-12 01:00 – 05:44 WAT")
        #expect(lagos.range(utc(2025, 3, 12, 22, 30), utc(2025, 3, 13, 0, 10)) == "2025-03-12 23:30 WAT – 2025-03-13 01:10 WAT")
    }

    @Test func aTruncatedOrForeignZoneFileIsRefused() throws {
        let bytes = try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/America/New_York"))
        #expect(ZoneInfoFile(bytes: Array(bytes)) != nil)
        #expect(ZoneInfoFile(bytes: Array(bytes.prefix(120))) == nil)
        #expect(ZoneInfoFile(bytes: Array("not a zone file at all, just text".utf8)) == nil)
        #expect(ZoneInfoFile.load(identifier: "../../etc/passwd") == nil)
    }

    @Test func footerNamesAreReadFromPOSIXZoneStrings() {
        #expect(ZoneInfoFile.footerNames("EST5EDT,M3.2.0,M11.1.0").map { [$0.standard, $0.daylight ?? "-"] } == ["EST", "EDT"])
        #expect(ZoneInfoFile.footerNames("<+04>-4").map { [$0.standard, $0.daylight ?? "-"] } == ["+04", "-"])
        #expect(ZoneInfoFile.footerNames("WAT-1").map { [$0.standard, $0.daylight ?? "-"] } == ["WAT", "-"])
        #expect(ZoneInfoFile.footerNames("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").map { [$0.standard, $0.daylight ?? "-"] } == ["+1030", "+11"])
    }

    @Test func summaryClockTimesMoveOnlyTimesThatNameOneKnownMinute() throws {
        let lagos = try clock("Africa/Lagos")
        let rollback = utc(2025, 3, 12, 4, 0)
        let times = SummaryClockTimes(instants: [rollback, utc(2025, 3, 12, 0, 50) + 30_000_000], clock: lagos)
        #expect(times.apply("after the rollback to 2.3.0 at 04:00Z, the memory growth ended") == "after the rollback to 2.3.0 at 05:00 WAT, the memory growth ended")
        #expect(times.apply("deploy at 00:50Z by ci-bot") == "deploy at 01:50 WAT by ci-bot")
        #expect(times.apply("at 03:00Z nothing known") == "at 03:00Z nothing known")
        #expect(times.apply("stamp 2025-03-12T04:00Z stays") == "stamp 2025-03-12T04:00Z stays")
        let twoDays = SummaryClockTimes(instants: [rollback, rollback + 86_400_000_000], clock: lagos)
        #expect(twoDays.apply("at 04:00Z") == "at 04:00Z", "two days share the clock time: leave it in UTC")
    }
}
