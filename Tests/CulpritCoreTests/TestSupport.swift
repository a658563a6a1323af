import Foundation
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

/// A small pattern pack for engine tests, independent of the built-in packs.
let testPackYAML = #"""
pack: test
patterns:
  - id: t.oom
    kind: oom
    literals: [OutOfMemoryError, "out of memory", MemoryError]
    regex: '(?:OutOfMemoryError|out of memory|MemoryError)'
  - id: t.memory
    kind: memory
    literals: [heap]
    regex: '(?i)heap(?:_used)?[=:]\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>[kmg]i?b|bytes)?'
    unit: bytes
  - id: t.memory-field
    kind: memory
    literals: [rss]
    field: '(?i)(^|\.)rss(_bytes)?$'
  - id: t.http
    kind: http
    literals: ['HTTP/']
    regex: '"[A-Z]+ \S+ HTTP/[\d.]+" (?P<status>\d{3}) '
  - id: t.deploy
    kind: deploy
    literals: ['has been upgraded', 'deployed']
    regex: '(?J)(?:Release "(?P<service>[\w.-]+)" has been upgraded|deployed (?P<service>[\w.-]+) (?P<version>\d[\w.+-]*))'
  - id: t.start
    kind: start
    literals: [Starting]
    regex: 'Starting \S+ v(?P<version>\d[\w.-]*)'
  - id: t.error
    kind: error
    literals: [err, fatal, {text: "E0", case_sensitive: true}]
    level: error
    fallback: true
"""#

func testPatterns() throws -> PatternSet {
    try PatternSet(PatternPackLoader.load(text: testPackYAML, file: "test.yaml"))
}

/// Runs the real pipeline over `text` written to a temporary file named `name`.
func extract(_ text: String, name: String = "app.log", zone: String = "UTC", chunkSize: Int = 2 << 20, maxLine: Int = 1 << 20) throws -> (events: [LogEvent], diagnostics: [String]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return try extract(files: [InputFile(openPath: path, displayPath: name)], zone: zone, chunkSize: chunkSize, maxLine: maxLine)
}

final class MessageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = [String]()
    func append(_ message: String) { lock.withLock { stored.append(message) } }
    var messages: [String] { lock.withLock { stored } }
}

func extract(files: [InputFile], zone: String = "UTC", chunkSize: Int = 2 << 20, maxLine: Int = 1 << 20) throws -> (events: [LogEvent], diagnostics: [String]) {
    let messages = MessageLog()
    let diagnostics = Diagnostics(quiet: false) { messages.append($0) }
    let settings = ExtractionSettings(patterns: try testPatterns(), zone: TimeZone(identifier: zone)!, maxLineLength: maxLine)
    let pipeline = ExtractionPipeline(settings: settings, diagnostics: diagnostics, chunkSize: chunkSize)
    var events = [LogEvent]()
    pipeline.run(files: files, render: { $0 }) { events += $0 }
    return (events, messages.messages)
}

/// Runs the built-in pattern set (or `patterns`) over `text` in one temporary file.
func extractWithBuiltIns(_ text: String, patterns: PatternSet? = nil, displayPath: String = "app.log") throws -> (events: [LogEvent], diagnostics: [String]) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("app.log").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let messages = MessageLog()
    let diagnostics = Diagnostics(quiet: false) { messages.append($0) }
    let settings = ExtractionSettings(patterns: try patterns ?? PatternSet.load())
    let pipeline = ExtractionPipeline(settings: settings, diagnostics: diagnostics)
    var events = [LogEvent]()
    pipeline.run(files: [InputFile(openPath: path, displayPath: displayPath)], render: { $0 }) { events += $0 }
    return (events, messages.messages)
}

/// A new empty directory under the system's temporary directory, named `prefix-UUID`.
func makeTemporaryDirectory(_ prefix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
