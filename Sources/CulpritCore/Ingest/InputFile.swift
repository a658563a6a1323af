/// One file to read (or standard input), with the path culprit prints for it.
public struct InputFile: Sendable, Hashable {
    /// The path to open; `-` for standard input.
    public var openPath: String
    /// The path as refs print it: the argument as given, joined with the path inside a directory.
    public var displayPath: String
    /// Modification time in epoch seconds, used to infer the year of year-less timestamps.
    public var modificationTime: Int64?

    public init(openPath: String, displayPath: String, modificationTime: Int64? = nil) {
        self.openPath = openPath
        self.displayPath = displayPath
        self.modificationTime = modificationTime
    }

    public var isStandardInput: Bool { openPath == "-" }

    public static let standardInput = InputFile(openPath: "-", displayPath: "-")
}
