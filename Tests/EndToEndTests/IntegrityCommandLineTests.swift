import Foundation
import Testing

/// What the command line does with inputs and outputs that are not plain
/// files: pipes read once, outputs that cannot be written, inputs that must
/// not be overwritten, and option values that make no sense.
@Suite struct IntegrityCommandLineTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func numberedErrors(_ count: Int) -> String {
        (1...count).map { "2025-03-12T01:00:00Z ERROR request failed id=\($0)" }.joined(separator: "\n") + "\n"
    }

    /// Runs `script` with /bin/sh, `$CULPRIT` naming the binary; gives up after `timeout` seconds.
    private func shell(_ script: String, timeout: Double = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["CULPRIT"] = CulpritBinary.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outBox.data, as: UTF8.self), String(decoding: errBox.data, as: UTF8.self))
    }

    @Test func pipeGivenAsAPathIsReadOnceAndWhole() throws {
        let result = try shell(#"$CULPRIT extract <(for i in $(seq 1 200000); do echo "2025-03-12T01:00:00Z ERROR request failed id=$i"; done) | tail -n 1"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(":200000\""), "\(result.stdout)")
        #expect(result.stdout.contains("id=200000"))
    }

    @Test func fifoWhoseWriterFinishedIsReadAndDoesNotHang() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        let result = try shell("""
            mkfifo '\(fifo)'
            (for i in $(seq 1 70000); do echo "2025-03-12T01:00:00Z ERROR request failed id=$i"; done > '\(fifo)') &
            $CULPRIT extract '\(fifo)' | wc -l
            """, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "70000")
    }

    @Test func outputNamingAnInputIsRefusedAndTheLogKept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        let text = numberedErrors(10)
        try Data(text.utf8).write(to: log)
        for command in ["extract", "analyze"] {
            let result = try CulpritBinary.run([command, directory.path, "-o", log.path])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is the input"), "\(result.stderr)")
            #expect(try String(contentsOf: log, encoding: .utf8) == text)
        }
        let linked = directory.appendingPathComponent("link.log").path
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: log.path)
        #expect(try CulpritBinary.run(["extract", log.path, "-o", linked]).status == 2)
    }

    @Test func fullDiskOnStandardOutputExitsThreeWithOneLine() throws {
        let result = try shell("printf '2025-03-12T01:00:00Z ERROR boom\\n' | $CULPRIT extract - > /dev/full")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write output"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func fileSizeLimitExitsThreeAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        try Data(numberedErrors(20_000).utf8).write(to: log)
        let outputs = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let result = try shell("ulimit -f 64; $CULPRIT extract '\(log.path)' -o '\(outputs.path)/events.ndjson'")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("events.ndjson: cannot write output"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path).isEmpty)
    }

    @Test func symlinkLoopIsCalledALoop() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.log").path, b = directory.appendingPathComponent("b.log").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        let direct = try CulpritBinary.run(["extract", a])
        #expect(direct.status == 2)
        #expect(direct.stderr.contains("symbolic links"), "\(direct.stderr)")
        let walked = try CulpritBinary.run(["extract", directory.path])
        #expect(walked.stderr.contains("a.log: too many levels of symbolic links"), "\(walked.stderr)")
    }

    @Test func meaninglessOptionValuesAreUsageErrors() throws {
        for arguments in [["--leak-p", "nan"], ["--leak-p", "2"], ["--spike-ratio", "inf"], ["--spike-window", "0"],
                          ["--since", "99999999999h"], ["--since", "2025-03-12T05:00:00Z", "--until", "2025-03-12T04:00:00Z"]] {
            let result = try CulpritBinary.run(["analyze"] + arguments + ["-"], input: Data())
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
    }
}
