import Foundation
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritExtract

/// Runs the built-in pattern set over `text` written to a temporary file named
/// `name` (its folder, when `name` has one, is part of the path naming).
func extractWithBuiltInPatterns(_ text: String, name: String = "app.log", zone: String = "UTC",
                                chunkSize: Int = 1 << 20) throws -> [LogEvent] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-wrappers-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    let settings = ExtractionSettings(patterns: try PatternSet.load(), zone: TimeZone(identifier: zone)!)
    let pipeline = ExtractionPipeline(settings: settings, diagnostics: Diagnostics(quiet: true) { _ in }, chunkSize: chunkSize)
    var events = [LogEvent]()
    pipeline.run(files: [InputFile(openPath: url.path, displayPath: name)], render: { $0 }) { events += $0 }
    return events
}

/// Every record of one line, as the decoder reads them.
func decodeRecords(_ text: String, zone: String = "UTC") -> [DecodedLine] {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
        let view = UnsafeBufferPointer(buffer)
        return LineDecoder(timestamps: parser(zone: zone)).decodeRecords(view, envelope: EnvelopeKind.classify(view))
    }
}

/// Epoch microseconds of a UTC wall-clock time.
func utcMicros(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, micros: Int64 = 0) -> Int64 {
    CivilTime.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) * 1_000_000 + micros
}
