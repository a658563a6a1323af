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
