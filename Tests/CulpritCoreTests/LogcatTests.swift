import Testing
@testable import CulpritModel
@testable import CulpritExtract

/// Android logcat's output formats (`adb logcat -v threadtime|time|brief`), as the
/// Android developer documentation describes them.
@Suite struct LogcatTests {
    private func micros(month: Int, day: Int, _ hour: Int, _ minute: Int, _ second: Int, millis: Int64) -> Int64 {
        CivilTime.epochSeconds(year: 2025, month: month, day: day, hour: hour, minute: minute, second: second) * 1_000_000 + millis * 1000
    }

    @Test(arguments: [
        ("12-01 20:38:54.123  1234  5678 E AndroidRuntime: FATAL EXCEPTION: main", Severity.error),
        ("12-01 20:38:54.123  1234  5678 W ConnectivityManager: network unavailable", .warning),
        ("12-01 20:38:54.123  1234  5678 I ActivityManager: Start proc 4321:com.example", .info),
        ("12-01 20:38:54.123  1234  5678 D OkHttp  : --> GET https://api.example.com/", .debug),
        ("12-01 20:38:54.123  1234  5678 V Choreographer: frame", .debug),
        ("12-01 20:38:54.123  1234  5678 F libc    : Fatal signal 11 (SIGSEGV)", .critical),
        ("12-01 20:38:54.123  1234  5678 A DEBUG   : Abort message: 'assert failed'", .critical),
        ("12-01 20:38:54.123 E/ActivityManager(  612): ANR in com.example.shop", .error),
        ("12-01 20:38:54.123 W/System.err( 4321): java.io.IOException: broken pipe", .warning),
    ])
    func threadtimeAndTimeFormatsGiveTimeAndLevel(line: String, level: Severity) {
        let decoded = decode(line)
        #expect(decoded.severity == level)
        #expect(decoded.time == micros(month: 12, day: 1, 20, 38, 54, millis: 123))
    }

    @Test func briefFormatGivesTheLevelWithoutATime() {
        let decoded = decode("E/SQLiteLog( 4321): (14) cannot open file at line 30046")
        #expect(decoded.severity == .error)
        #expect(decoded.time == nil)
        #expect(decode("I/ActivityManager(  612): Displayed com.example/.Main: +1s200ms").severity == .info)
    }

    @Test func otherDashedDatesAndLettersAreNotLogcat() {
        // A month above 12 is no date; a letter that is no logcat level is no level.
        #expect(decode("13-01 20:38:54.123  1234  5678 E Tag: x").time == nil)
        #expect(decode("12-01 20:38:54.123  1234  5678 X Tag: x").severity == nil)
        // A sentence starting with `A/B` is not a tagged line.
        #expect(decode("A/B testing enabled for 5% of users").severity == nil)
        // ISO dates are still read as ISO dates.
        #expect(decode("2025-12-01 20:38:54.123 INFO ok").time == micros(month: 12, day: 1, 20, 38, 54, millis: 123))
    }
}
