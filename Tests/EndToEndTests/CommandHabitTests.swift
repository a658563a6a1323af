import Foundation
import Testing

/// The habits of a command-line tool people rely on: typos get a suggestion,
/// colour follows NO_COLOR and TERM, `--strict` fails on unreadable input.
@Suite struct CommandHabitTests {
    @Test func aMistypedSubcommandNamesTheOneMeant() throws {
        let result = try CulpritBinary.run(["anlyze", "logs/"])
        #expect(result.status == 2)
        #expect(result.stderr == "culprit: unknown command 'anlyze'; did you mean 'analyze'? (see culprit --help)\n")
        let unknown = try CulpritBinary.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("one of analyze, watch, report, extract, patterns"), "\(unknown.stderr)")
    }

    @Test func strictExitsTwoWhenAPathCannotBeReadButStillWritesTheReport() throws {
        let directory = try CulpritBinary.temporaryDirectory()
        let log = directory.appendingPathComponent("app.log").path
        try "2025-03-12T01:00:00Z ERROR boom\n".write(toFile: log, atomically: true, encoding: .utf8)
        let missing = directory.appendingPathComponent("missing.log").path
        let lenient = try CulpritBinary.run(["analyze", "--format", "json", log, missing])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("missing.log"))
        let strict = try CulpritBinary.run(["analyze", "--strict", "--format", "json", log, missing])
        #expect(strict.status == 2)
        #expect(strict.stdout.contains("\"suspects\""))
        #expect(strict.stderr.contains("--strict: 1 input could not be read"), "\(strict.stderr)")
    }

    @Test func colourFollowsTheFlagAndNoColor() throws {
        let directory = try CulpritBinary.temporaryDirectory()
        let log = directory.appendingPathComponent("app.log").path
        try "2025-03-12T01:00:00Z ERROR boom\n".write(toFile: log, atomically: true, encoding: .utf8)
        let always = try CulpritBinary.run(["analyze", "--format", "table", "--color", "always", log])
        #expect(always.stdout.contains("\u{1B}["))
        let never = try CulpritBinary.run(["analyze", "--format", "table", "--color", "never", log])
        #expect(!never.stdout.contains("\u{1B}["))
    }
}
