/// What a file's first lines look like when none of them yielded an event, so
/// the reader is told why ("looks like CSV metrics") rather than nothing.
enum ContentShape {
    static func describe(_ sample: [UInt8]) -> String? {
        let lines = sample.split(separator: 0x0A, maxSplits: 40, omittingEmptySubsequences: true).prefix(40)
        guard lines.count >= 2 else { return nil }
        let commas = lines.map { line in line.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) } }
        if let first = commas.first, first >= 1, commas.filter({ $0 == first }).count * 10 >= commas.count * 9 {
            let header = String(decoding: lines[lines.startIndex].prefix(200), as: UTF8.self).lowercased()
            let metricWords = ["cpu", "mem", "memory", "rss", "usage", "bytes", "value", "metric", "latency"]
            return metricWords.contains(where: header.contains) ? "CSV metrics" : "CSV"
        }
        let tabs = lines.map { line in line.reduce(0) { $0 + ($1 == 0x09 ? 1 : 0) } }
        if let first = tabs.first, first >= 1, tabs.filter({ $0 == first }).count * 10 >= tabs.count * 9 { return "tab-separated values" }
        return nil
    }
}
