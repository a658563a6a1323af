/// A `PATH:LINE` reference, printed the way ripgrep prints matches: the path as
/// given on the command line (joined with the file's path inside a directory),
/// `-` for standard input; the line is 1-based and counts decompressed lines.
public struct SourceRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The path as printed: the argument as given, joined with the path inside it for a directory; `-` for standard input.
    public var path: String
    /// 1-based; for gzip, counted in decompressed lines.
    public var line: Int

    /// Line `line` of `path`.
    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    /// `PATH:LINE`.
    public var description: String { "\(path):\(line)" }

    /// By path, then line.
    public static func < (lhs: SourceRef, rhs: SourceRef) -> Bool {
        lhs.path == rhs.path ? lhs.line < rhs.line : lhs.path < rhs.path
    }
}
