import Foundation
import Testing

@Suite struct ReportStateCommandTests {
    @Test func aStateThatCannotBeWrittenIsOneLineThatSaysWhatToDo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A file size limit of 512 bytes makes the state's write fail as a full disk does (EFBIG instead of ENOSPC).
        let command = "trap '' XFSZ; ulimit -f 1; exec '\(CulpritBinary.path)' report --quiet --format json --state '\(directory)' samples/2025-03-12-auth-leak/logs"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = CulpritBinary.packageRoot
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        #expect(stderr.hasPrefix("culprit: \(directory)/state.json: cannot save the report state ("), "\(stderr)")
        #expect(stderr.contains("--state another directory"))
        #expect(!stderr.contains("NSCocoaErrorDomain"))
    }
}
