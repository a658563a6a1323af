/// A file's first year-less time, found once from its first lines before its
/// chunks are extracted in parallel, so every chunk — and every mode, `analyze`,
/// `report` and `watch` alike — places year-less times in the same years (see
/// `TimestampParser.yearAnchor`).
enum YearAnchor {
    /// How many of the first lines are looked at.
    static let sampleLines = 200

    /// Epoch seconds of the first year-less timestamp in `chunk`'s first lines,
    /// placed by `parser`'s reference rule (never after its `latestPlausible`).
    static func first(in chunk: [UInt8], parser: TimestampParser) -> Int64? {
        chunk.withUnsafeBufferPointer { bytes in
            var start = 0
            var checked = 0
            while start < bytes.count, checked < sampleLines {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if let found = parser.find(in: line) {
                    // A line that states its year first means the file is dated: no anchor is needed.
                    guard found.yearInferred else { return nil }
                    return found.micros >= 0 ? found.micros / 1_000_000 : (found.micros - 999_999) / 1_000_000
                }
                start = end + 1
                checked += 1
            }
            return nil
        }
    }
}
