/// One file to read (or standard input), with the path culprit prints for it.
public struct InputFile: Sendable, Hashable {
    /// The path to open; `-` for standard input.
    public var openPath: String
    /// The path as refs print it: the argument as given, joined with the path inside a directory.
    public var displayPath: String
    /// Modification time in epoch seconds, used to infer the year of year-less timestamps.
    public var modificationTime: Int64?
    /// Where an incremental run picks the file up again (`report --state`).
    package var resume: ResumePoint?
    /// Found by walking a folder (rather than named on the command line): only
    /// such a file is skipped when it is plainly not a log.
    public var foundInDirectory = false

    package init(openPath: String, displayPath: String, modificationTime: Int64? = nil, resume: ResumePoint? = nil) {
        self.openPath = openPath
        self.displayPath = displayPath
        self.modificationTime = modificationTime
        self.resume = resume
    }

    /// Whether this is standard input (`-`).
    public var isStandardInput: Bool { openPath == "-" }

    /// Standard input, printed as `-`.
    public static let standardInput = InputFile(openPath: "-", displayPath: "-")
}

/// A checkpoint inside a plain file: the byte offset after the last whole line
/// read, how many lines came before it, and the last time seen.
package struct ResumePoint: Sendable, Hashable, Codable {
    package var offset: Int64
    package var lines: Int
    package var lastTime: Int64?

    package init(offset: Int64, lines: Int, lastTime: Int64?) {
        self.offset = offset
        self.lines = lines
        self.lastTime = lastTime
    }
}
