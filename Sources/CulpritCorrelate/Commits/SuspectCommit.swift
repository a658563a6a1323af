import CulpritIngest

/// A commit of the suspect change, with what in the suspect's evidence points
/// at it: Sentry's "suspect commits", from plain logs and a local clone.
public struct SuspectCommit: Sendable {
    /// A file the commit changes that frames of the evidence's stack traces name.
    public struct NamedFile: Sendable, Hashable {
        /// The path the commit changes.
        public var path: String
        /// Its last parts that the frames share (`com/x/SessionCache.java`).
        public var matchedPath: String
        /// How many frames name it, over all cited records.
        public var frames: Int
        /// The evidence signals whose records hold those frames, most frames first.
        public var signals: [String]

        /// A file `frames` frames name, matched on `matchedPath`.
        public init(path: String, matchedPath: String, frames: Int, signals: [String]) {
            self.path = path
            self.matchedPath = matchedPath
            self.frames = frames
            self.signals = signals
        }
    }

    /// The commit.
    public var commit: GitCommit
    /// The range the commit was found in.
    public var range: CommitRange
    /// Most-named first.
    public var namedFiles: [NamedFile]
    /// Words its subject shares with the evidence's messages, sorted.
    public var sharedWords: [String]

    /// A commit of `range`, with what in the evidence points at it.
    public init(commit: GitCommit, range: CommitRange, namedFiles: [NamedFile], sharedWords: [String]) {
        self.commit = commit
        self.range = range
        self.namedFiles = namedFiles
        self.sharedWords = sharedWords
    }

    /// Frames naming any of its files.
    public var frames: Int { namedFiles.reduce(0) { $0 + $1.frames } }
}
