import Foundation
import Testing

/// `analyze` shows the same progress bar as `report` while it reads, on stderr,
/// only when stderr is a terminal: never in a pipe, never with --quiet.
@Suite struct AnalyzeProgressTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let logs = "samples/2025-03-12-auth-leak/logs"

    /// Runs culprit under `script(1)`, so that its stdout and stderr are a pseudo-terminal; returns what it wrote there.
    static func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([CulpritBinary.path] + arguments).joined(separator: " ")
        let result = try CulpritBinary.run(executable: try #require(script), ["-qec", command, "/dev/null"])
        return result.stdout
    }

    @Test(.enabled(if: script != nil, "script(1) is not installed (util-linux)"))
    func aTerminalSeesTheBarAndThenAClearedLine() throws {
        let folder = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("findings.json").path
        let screen = try Self.onTerminal(["analyze", Self.logs, "--format", "json", "-o", out])
        #expect(screen.contains("█") || screen.contains("░"), "no bar drawn: \(screen.prefix(200).debugDescription)")
        #expect(screen.contains("MB/s") && screen.contains("ETA"))
        #expect(screen.contains("\r\u{1B}[K"), "the bar is cleared when reading ends")
        #expect(FileManager.default.fileExists(atPath: out))
        let quiet = try Self.onTerminal(["analyze", Self.logs, "--format", "json", "-o", out, "--quiet"])
        #expect(!quiet.contains("MB/s"), "--quiet draws no bar")
    }

    @Test func aPipeNeverSeesTheBar() throws {
        let result = try CulpritBinary.run(["analyze", Self.logs, "--format", "json"])
        #expect(result.stdout.contains("\"suspects\""))
        #expect(!result.stderr.contains("MB/s") && !result.stderr.contains("\r"), "stderr: \(result.stderr.prefix(200))")
    }
}
