/// A `PATH:LINE` reference, printed the way ripgrep prints matches: the path as
/// given on the command line (joined with the file's path inside a directory),
/// `-` for standard input; the line is 1-based and counts decompressed lines.
public struct SourceRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int

    public init(path: String, line: Int) {
        self.path = path
        self.line = line
    }

    public var description: String { "\(path):\(line)" }

    public static func < (lhs: SourceRef, rhs: SourceRef) -> Bool {
        lhs.path == rhs.path ? lhs.line < rhs.line : lhs.path < rhs.path
    }
}
