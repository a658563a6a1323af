// Fuzz target: TimestampParser at every offset of a line (ISO 8601/RFC 3339,
// CLF, syslog, day-month-year, klog) and the epoch readers. What it reads must
// be a plausible instant, and an instant it reads must read back the same from
// its RFC 3339 form.
import Foundation
@testable import CulpritModel
@testable import CulpritExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzedInput(data, count)
    let zone = input.choice(of: Array(fuzzTimestampParsers.indices))
    let parser = fuzzTimestampParsers[zone]
    let bytes = input.rest
    let found = parser.find(in: bytes, window: 128)
    for start in 0..<min(bytes.count, 64) {
        guard let parsed = parser.parse(bytes, at: start) else { continue }
        check(parsed.start == start && parsed.end > start && parsed.end <= bytes.count, "parsed range \(parsed.start)..<\(parsed.end) of \(bytes.count) bytes from \(start)")
        check(plausibleMicros.contains(parsed.micros), "time \(parsed.micros) µs is outside 1970…2200")
        if zone == 0 { checkRoundTrip(parsed.micros, parser: parser) }
        if found == nil { check(!isBoundary(bytes, start), "find missed the time at \(start)") }
    }
    if let klog = parser.parseKlog(bytes, at: 0) {
        check(plausibleMicros.contains(klog.micros), "klog time \(klog.micros) µs is outside 1970…2200")
    }
    if let epoch = TimestampParser.micros(fromEpochDigits: bytes) {
        // Digits that do not fit an Int64 can only have been read by wrapping arithmetic.
        let integer = String(decoding: bytes.prefix { TimestampParser.isDigit($0) }, as: UTF8.self)
        check(Int64(integer) != nil && plausibleMicros.contains(epoch), "epoch digits \(integer) read as \(epoch) µs")
    }
    if bytes.count >= 8 {
        let number = UnsafeRawBufferPointer(bytes).loadUnaligned(as: Double.self)
        if let epoch = TimestampParser.micros(fromEpoch: number) {
            check(plausibleMicros.contains(epoch), "epoch number \(number) read as \(epoch) µs")
        }
    }
    return 0
}

/// A UTC instant in the years the parser reads must come back from its RFC 3339 form.
private func checkRoundTrip(_ micros: Int64, parser: TimestampParser) {
    let text = CivilTime.rfc3339(micros)
    guard let year = Int(text.prefix(4)), (1970..<2200).contains(year) else { return }
    var bytes = Array(text.utf8)
    let again = bytes.withUnsafeMutableBufferPointer { parser.parse(UnsafeBufferPointer($0), at: 0) }
    check(again?.micros == micros, "\(micros) µs formats as \(text), which reads back as \(again.map { String($0.micros) } ?? "nothing")")
}

/// Where `find` looks for a time: the start, or after a byte that is not a letter or digit,
/// at a digit or an upper-case letter.
private func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
    let byte = bytes[index]
    let startsToken = byte &- 48 < 10 || byte &- 65 < 26
    return startsToken && (index == 0 || !TimestampParser.isAlphanumeric(bytes[index - 1]))
}
