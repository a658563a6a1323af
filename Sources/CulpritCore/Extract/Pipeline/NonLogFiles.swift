/// Files inside a walked folder that are plainly not logs — documentation and
/// configuration, by their extension — are counted as skipped instead of being
/// searched for events (a `COUNTS.md` that mentions "out of memory" is no OOM).
/// A file named on the command line is always read: the user chose it.
enum NonLogFiles {
    static let extensions: Set<String> = ["md", "markdown", "rst", "adoc", "html", "htm", "toml", "ini", "cfg", "properties",
                                          "yaml", "yml", "png", "jpg", "jpeg", "gif", "svg", "pdf"]

    /// Why `path` is not a log, nil when it may be one.
    static func reason(_ path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        return extensions.contains(ext) ? "not a log (.\(ext))" : nil
    }
}

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
