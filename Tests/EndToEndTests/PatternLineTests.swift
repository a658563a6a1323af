import Foundation
import Testing

/// `culprit patterns test --line TEXT` says which patterns match one line, each
/// tried alone, what each takes from it, and what extract emits for it.
@Suite struct PatternLineTests {
    @Test func anAccessLogLineNamesItsPatternsAndTheirCaptures() throws {
        let line = #"10.0.0.1 - - [12/Mar/2025:01:00:00 +0000] "GET /login HTTP/1.1" 503 12 "-" "curl/8.0""#
        let result = try CulpritBinary.run(["patterns", "test", "--line", line])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "line: " + line)
        let combined = try #require(rows.first { $0.hasPrefix("  http.access-combined ") }, "\(result.stdout)")
        #expect(combined.contains(" http ") && combined.contains("status=503") && combined.contains("time=2025-03-12T01:00:00Z"), "\(combined)")
        #expect(rows.last == "extract emits: http (http.access-combined)", "\(result.stdout)")
    }

    @Test func aLineNoPatternMatchesSaysSoAndExitsOne() throws {
        let result = try CulpritBinary.run(["patterns", "test", "--line", "hello world"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("  no pattern matches\n"))
        #expect(result.stdout.hasSuffix("extract emits: nothing\n"))
    }

    @Test func aPackGivenBesideTheLineIsTriedToo() throws {
        let directory = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        pack: acme
        description: acme queue gauges
        patterns:
          - id: acme.queue-depth
            kind: memory
            literals: ["queue depth"]
            regex: 'queue depth (?P<value>\\d+)(?P<unit>MB)'
            examples:
              match:
                - line: '2025-03-12T01:00:00Z INFO queue depth 512MB'
                  captures: {value: "512", unit: "MB"}

        """.write(to: directory.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        let result = try CulpritBinary.run(["patterns", "test", directory.path, "--line", "2025-03-12T01:00:00Z INFO queue depth 512MB"])
        #expect(result.stdout.contains("  acme.queue-depth "), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" memory    time=2025-03-12T01:00:00Z value=512MB level=info\n"), "\(result.stdout)")
    }
}
