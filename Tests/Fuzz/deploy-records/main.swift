// Fuzz target: a change record file (CSV, JSON Lines, or any format detected
// by content) through DeployRecordReader. A file it cannot use fails with one `path:line: message`
// line; every record it returns has a service and a plausible time; and the
// file's line endings (LF or CRLF) change nothing.
import Foundation
@testable import CulpritModel
@testable import CulpritCorrelate

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-fuzz-deploys-\(getpid()).csv").path
nonisolated(unsafe) private let readers = fuzzZones.map(DeployRecordReader.init)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeployRecords(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let reader = input.choice(of: readers)
    let contents = Array(input.rest)
    let outcome = read(contents, with: reader)
    switch outcome {
    case .failure(let error):
        let message = error.description
        check(message.hasPrefix(path + ":"), "error message without the path: \(message)")
        check(!message.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }), "error message of more than one line: \(message)")
        check(error.line <= lineCount(contents), "error at line \(error.line) of \(lineCount(contents))")
    case .success(let markers):
        for marker in markers {
            check(!marker.service.isEmpty, "a record without a service")
            check(plausibleMicros.contains(marker.time), "deploy time implausible: \(marker.time) µs")
        }
    }
    if !contents.contains(0x0D) {
        let crlf = contents.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let again = read(crlf, with: reader)
        check(summary(outcome) == summary(again), "CRLF line endings change the records: \(summary(outcome)) with LF, \(summary(again)) with CRLF")
    }
    return 0
}

private func read(_ contents: [UInt8], with reader: DeployRecordReader) -> Result<[ChangeMarker], ChangeRecordError> {
    // Not atomically: a rename per input would make this target wait on the file system.
    check((try? Data(contents).write(to: URL(fileURLWithPath: path))) != nil, "cannot write \(path)")
    return Result { () throws(ChangeRecordError) -> [ChangeMarker] in try reader.read(ChangeRecordSource(path: path)).markers }
}

/// What a read gives, without the raw lines: the records' times, services,
/// versions and kinds, or the line of the error.
private func summary(_ outcome: Result<[ChangeMarker], ChangeRecordError>) -> String {
    switch outcome {
    case .success(let markers): return "\(markers.count) records " + markers.map { "\($0.time) \($0.service) \($0.version ?? "-") \($0.kind)" }.joined(separator: ", ")
    case .failure(let error): return "an error at line \(error.line)"
    }
}
