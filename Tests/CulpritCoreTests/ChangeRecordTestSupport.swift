import Foundation
@testable import CulpritModel
@testable import CulpritCorrelate

/// Reads `bytes` written to a temporary file named `fileName` as `--deploys [name=]FILE`.
func readChangeRecords(bytes: [UInt8], fileName: String = "deploys.csv", name: String? = nil, zone: String = "UTC") throws -> ChangeRecordFile {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent(fileName).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try DeployRecordReader(zone: TimeZone(identifier: zone)!).read(ChangeRecordSource(path: path, name: name))
}

/// The same for text.
func readChangeRecords(_ text: String, fileName: String = "deploys.csv", name: String? = nil, zone: String = "UTC") throws -> ChangeRecordFile {
    try readChangeRecords(bytes: Array(text.utf8), fileName: fileName, name: name, zone: zone)
}

/// Microseconds since the epoch of a UTC civil time.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Int64 {
    CivilTime.epochSeconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) * 1_000_000
}
