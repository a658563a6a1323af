import Foundation
import Testing
@testable import CulpritExtract

/// A pattern from `--patterns DIR` wins over a built-in of the same kind that
/// would match the same line first: the user said what the line means.
@Suite struct UserPatternPrecedenceTests {
    static let pack = """
    pack: mine
    patterns:
      - id: mine.rss
        kind: memory
        description: "the resident figure, rss_mb=N"
        literals: [rss_mb]
        regex: '\\brss_mb=(?P<value>\\d+)'
        unit: MB
        examples:
          match:
            - line: 'heap_used_mb=812 rss_mb=1500'
              captures: {value: "1500"}
      - id: memory.gauge-keyunit
        kind: memory
        description: "a built-in id: replaces the built-in"
        literals: [used_kb]
        regex: '\\bused_kb=(?P<value>\\d+)'
        unit: KB
        examples:
          match:
            - line: 'used_kb=10'
              captures: {value: "10"}
    """

    static func folder() throws -> URL {
        let folder = try CulpritBinary.temporaryDirectory()
        try pack.write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theUserPatternTakesTheLineAndItsValue() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = Data("2025-03-12T03:15:02Z app heap_used_mb=812 rss_mb=1500\n".utf8)
        let builtIn = try CulpritBinary.run(["extract", "-"], input: line)
        #expect(builtIn.stdout.contains("\"pattern\":\"memory.gauge-keyunit\""), "without --patterns a built-in reads the heap")
        #expect(builtIn.stdout.contains("\"value\":851443712"))
        let mine = try CulpritBinary.run(["extract", "--patterns", folder.path, "-"], input: line)
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout.contains("\"pattern\":\"mine.rss\""), "got \(mine.stdout)")
        #expect(mine.stdout.contains("\"value\":1572864000"), "1500 MB, the user pattern's capture")
        #expect(mine.stdout.split(separator: "\n").count == 1, "one memory event per line")
    }

    @Test func userPatternsComeFirstAndAReplacedBuiltInIsGone() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let set = try PatternSet.load(extraDirectories: [folder.path])
        #expect(set.definitions.prefix(2).map(\.id) == ["mine.rss", "memory.gauge-keyunit"])
        #expect(set.definitions.filter { $0.id == "memory.gauge-keyunit" }.count == 1)
        #expect(set.definitions.first { $0.id == "memory.gauge-keyunit" }?.packName == "mine")
        #expect(set.definitions.count == (try PatternSet.load()).definitions.count + 1)
    }
}
