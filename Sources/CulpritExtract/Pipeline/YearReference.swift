import CulpritIngest

/// Finds when a run's logs are from, for timestamps that carry no year (RFC 3164
/// syslog, klog): the latest first full-year timestamp among the inputs' first
/// 64 KiB. A file's modification time is only a fallback: copies, archives and
/// checkouts reset it.
package enum YearReference {
    static let sampleBytes = 64 * 1024

    /// Epoch seconds, or nil when no input shows a full date.
    package static func scan(_ files: [InputFile]) -> Int64? {
        let parser = TimestampParser(zone: ZoneResolver(zone: .init(identifier: "UTC")!), defaultYear: 1970, latestPlausible: .max / 4)
        var latest: Int64?
        // Only regular files are sampled: a pipe, FIFO or terminal given as a path
        // (`<(…)`, /dev/stdin) can be read once, and the pipeline reads it.
        for file in files where !file.isStandardInput && FileStatus(path: file.openPath)?.isRegular == true {
            guard var input = try? OpenedInput(file) else { continue }
            defer { input.close() }
            var buffer = [UInt8](repeating: 0, count: sampleBytes)
            var count = 0
            while count < sampleBytes {
                let filled = count
                let read = (try? buffer.withUnsafeMutableBytes { raw in
                    Result { () throws(InputError) in try input.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])) }
                }.get()) ?? 0
                if read == 0 { break }
                count += read
            }
            guard count > 0 else { continue }
            let found: Int64? = buffer.withUnsafeBufferPointer { bytes in
                var start = 0
                var checked = 0
                while start < count, checked < 50 {
                    var end = start
                    while end < count, bytes[end] != 0x0A { end += 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if let time = parser.findWithYear(in: line) { return time }
                    start = end + 1
                    checked += 1
                }
                return nil
            }
            if let found { latest = max(latest ?? found, found) }
        }
        return latest
    }
}

extension TimestampParser {
    /// The first ISO 8601, CLF or day-month-year timestamp (the forms that state a year), in epoch seconds.
    func findWithYear(in bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let limit = min(bytes.count, 160)
        var index = 0
        while index < limit {
            if Self.isDigit(bytes[index]), index == 0 || !Self.isAlphanumeric(bytes[index - 1]),
               let found = parseISO(bytes, at: index) ?? parseCLF(bytes, at: index) ?? parseDayMonthYear(bytes, at: index) {
                return found.micros / 1_000_000
            }
            index += 1
        }
        return nil
    }
}
