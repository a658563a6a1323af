import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest

@Suite struct ExtractionPipelineTests {
    @Test func javaStackTraceIsOneEventAtItsFirstLine() throws {
        let log = """
        2025-03-12 02:15:00,000 INFO [main] c.e.Auth - ok
        2025-03-12 02:15:02,000 ERROR [main] c.e.Auth - request failed
        java.lang.IllegalStateException: cache full
        \tat com.example.Auth.cache(Auth.java:42)
        Caused by: java.lang.OutOfMemoryError: Java heap space
        \t... 12 more
        2025-03-12 02:15:03,000 INFO [main] c.e.Auth - next
        """
        let events = try extract(log).events
        #expect(events.map(\.kind) == [.oom])
        #expect(events.first?.ref.line == 2)
        #expect(events.first?.severity == .error)
    }

    @Test func pythonTracebackJoinsUpToItsExceptionLine() throws {
        let log = """
        ERROR:root:worker crashed
        Traceback (most recent call last):
          File "worker.py", line 3, in <module>
            data = load()
        MemoryError
        INFO:root:restarting worker
        """
        let events = try extract(log).events
        #expect(events.count == 1)
        #expect(events.first?.kind == .oom)
        #expect(events.first?.ref.line == 1)
    }

    @Test func goCrashDumpIsOneRecord() throws {
        let log = """
        2025/03/12 02:15:01 serving
        fatal error: runtime: out of memory

        runtime stack:
        runtime.throw({0x8f, 0x16})
        \t/usr/local/go/src/runtime/panic.go:1198 +0x71

        goroutine 1 [running]:
        main.main()
        2025/03/12 02:15:09 restarted
        """
        let events = try extract(log).events
        #expect(events.filter { $0.kind == .oom }.count == 1)
        #expect(events.first { $0.kind == .oom }?.ref.line == 2)
    }

    @Test func helmBlockIsOneDeployNamingTheRelease() throws {
        let log = """
        Release "payments" has been upgraded. Happy Helming!
        NAME: payments
        LAST DEPLOYED: Tue Jun  3 14:02:11 2025
        NAMESPACE: prod
        STATUS: deployed
        REVISION: 42
        """
        let events = try extract(log, name: "deploy.log").events
        #expect(events.count == 1)
        #expect(events.first?.kind == .deploy)
        #expect(events.first?.service == "payments")
    }

    @Test func lineWithoutTimeTakesThePreviousLinesTime() throws {
        let log = "2025-03-12T02:15:02Z starting\nOutOfMemoryError thrown by worker\n"
        let event = try #require(try extract(log).events.first)
        #expect(event.time == CivilTime.epochSeconds(year: 2025, month: 3, day: 12, hour: 2, minute: 15, second: 2) * 1_000_000)
        let orphan = try #require(try extract("OutOfMemoryError at start\n").events.first)
        #expect(orphan.time == nil)
    }

    @Test func timesCarryAcrossChunkBoundaries() throws {
        var log = "2025-03-12T02:15:02Z starting\n"
        for index in 0..<400 { log += "plain filler line number \(index) without any time\n" }
        log += "OutOfMemoryError far below\n"
        let event = try #require(try extract(log, chunkSize: 4096).events.first)
        #expect(event.time != nil)
        #expect(event.ref.line == 402)
    }

    @Test func lineNumbersAreExactAcrossManyChunks() throws {
        var log = ""
        for index in 1...5000 { log += index % 997 == 0 ? "2025-03-12T02:15:02Z heap=\(index)MB\n" : "2025-03-12T02:15:02Z filler \(index)\n" }
        let events = try extract(log, chunkSize: 4096).events
        #expect(events.map(\.ref.line) == [997, 1994, 2991, 3988, 4985])
        #expect(events.map(\.value) == [997, 1994, 2991, 3988, 4985].map { Double($0) * 1_048_576 })
    }

    @Test func crlfBomNulAndInvalidUTF8NeverLoseTheRest() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("2025-03-12T02:15:02Z heap=10MB\r\n".utf8)
        bytes += [0x66, 0x6F, 0x00, 0xFF, 0xFE, 0x0A]
        bytes += Array("2025-03-12T02:15:03Z heap=11MB\r\n".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let events = try extract(text).events
        #expect(events.map(\.value) == [10 * 1_048_576, 11 * 1_048_576])
        #expect(events.map(\.ref.line) == [1, 3])
    }

    @Test func overlongLinesAreCutCountedAndWarnedOnce() throws {
        let long = String(repeating: "x", count: 10_000)
        let log = "2025-03-12T02:15:02Z heap=1MB\n\(long)\n\(long)\n2025-03-12T02:15:03Z heap=2MB\n"
        let (events, diagnostics) = try extract(log, chunkSize: 4096, maxLine: 1024)
        #expect(events.map(\.ref.line) == [1, 4])
        #expect(diagnostics.filter { $0.contains("longer than") }.count == 1)
        #expect(diagnostics.first?.contains("2 lines") == true)
    }

    @Test func binaryFilesAreSkippedWithOneWarning() throws {
        var junk = [UInt8](repeating: 0, count: 4000)
        for index in junk.indices { junk[index] = UInt8(index % 7) }
        let (events, diagnostics) = try extract(String(decoding: junk, as: UTF8.self) + "\nheap=1MB\n")
        #expect(events.isEmpty)
        #expect(diagnostics == ["culprit: warning: app.log: binary file, skipped"])
    }

    @Test func missingFileIsNamedAndTheRestAreRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.log").path
        try Data("2025-03-12T02:15:02Z heap=1MB\n".utf8).write(to: URL(fileURLWithPath: good))
        let (events, diagnostics) = try extract(files: [InputFile(openPath: directory.path + "/missing.log", displayPath: "missing.log"),
                                                        InputFile(openPath: good, displayPath: "good.log")])
        #expect(events.count == 1)
        #expect(diagnostics == ["culprit: missing.log: no such file or directory"])
    }

    @Test func gzipIsReadByMagicAndTruncationKeepsEventsUpToTheBreak() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var log = ""
        for index in 1...20_000 { log += "2025-03-12T02:15:02Z line \(index) heap=\(index)KB\n" }
        let plain = directory.appendingPathComponent("app.log").path
        try Data(log.utf8).write(to: URL(fileURLWithPath: plain))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let whole = try extract(files: [InputFile(openPath: plain + ".gz", displayPath: "app.log.2.gz")])
        #expect(whole.events.count == 20_000)
        #expect(whole.events.last?.ref.line == 20_000)
        #expect(whole.events.first?.service == "app")
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let cut = directory.appendingPathComponent("cut.log.gz").path
        try compressed.prefix(compressed.count / 2).write(to: URL(fileURLWithPath: cut))
        let truncated = try extract(files: [InputFile(openPath: cut, displayPath: "cut.log.gz")])
        #expect(truncated.events.count > 1000)
        #expect(truncated.events.count < 20_000)
        #expect(truncated.diagnostics.contains { $0.contains("truncated gzip") })
    }

    @Test func jsonFieldPatternsReadNestedValues() throws {
        let events = try extract(#"{"time":"2025-03-12T02:15:02Z","service":"checkout","memory":{"rss_bytes":1048576},"msg":"stats"}"# + "\n").events
        #expect(events.first?.kind == .memory)
        #expect(events.first?.value == 1_048_576)
        #expect(events.first?.service == "checkout")
    }

    @Test func patternCaptureNamesTheServiceADeployIsAbout() throws {
        let events = try extract("2025-03-12T02:15:02Z ci: deployed report-worker 5.2.1\n", name: "ci.log").events
        #expect(events.first?.service == "report-worker")
        #expect(events.first?.version == "5.2.1")
    }

    @Test func stackTraceBehindComposePrefixesIsOneRecord() throws {
        let log = """
        api-1  | 2025-03-12 02:15:02,000 ERROR [main] c.e.Api - request failed
        api-1  | java.lang.OutOfMemoryError: Java heap space
        api-1  | \tat com.example.Cache.put(Cache.java:42)
        api-1  | 2025-03-12 02:15:03,000 INFO [main] c.e.Api - next
        """
        let events = try extract(log, name: "compose.log").events
        #expect(events.map(\.kind) == [.oom])
        #expect(events.first?.ref.line == 1)
        #expect(events.first?.service == "api")
    }
}
