/// One commit as `git log` reports it: who wrote it, its subject, and the paths
/// its diff touches (relative to the repository's top level).
public struct GitCommit: Sendable, Hashable {
    /// The full hex object name.
    public var sha: String
    /// The first line of the message.
    public var subject: String
    /// The author's name.
    public var authorName: String
    /// The author's email; empty when git has none.
    public var authorEmail: String
    /// Author date, microseconds since the epoch; nil when git's figure could not be read.
    public var authorTime: Int64?
    /// The paths its diff touches.
    public var files: [String]

    /// A commit as `git log` reports it.
    public init(sha: String, subject: String, authorName: String, authorEmail: String, authorTime: Int64?, files: [String]) {
        self.sha = sha
        self.subject = subject
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorTime = authorTime
        self.files = files
    }

    /// `Name <email>`, the way git prints an identity (just the name when there is no email).
    public var author: String { authorEmail.isEmpty ? authorName : "\(authorName) <\(authorEmail)>" }
}
