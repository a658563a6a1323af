/// One pattern as written in a pack: what it matches and what event it yields.
public struct PatternDefinition: Sendable {
    /// A prefilter literal: every line the pattern matches contains one of them.
    public struct Literal: Sendable, Hashable {
        public var text: String
        public var caseSensitive: Bool

        public init(text: String, caseSensitive: Bool = false) {
            self.text = text
            self.caseSensitive = caseSensitive
        }
    }

    /// A line the pattern must match, with the captures it must yield.
    public struct MatchExample: Sendable {
        public var line: String
        public var captures: [String: String]
        public var sourceLine: Int
    }

    /// What text the regex runs on.
    public enum Subject: String, Sendable {
        /// The record's message: unwrapped from JSON/CRI/Docker/journald, continuation lines joined.
        case message
        /// The raw first line as it is in the file.
        case line
    }

    public var id: String
    public var kind: EventKind
    public var description: String
    public var regex: String?
    /// A regex that vetoes a match of `regex`: a record it also matches is not this
    /// pattern's. It says what the main regex could only say with look-around
    /// (`failed`, but not `0 failed`), so the main regex stays one that any engine,
    /// ripgrep's included, runs unchanged.
    public var unless: String?
    public var field: String?
    public var level: Severity?
    /// With `level`: only records at exactly that level (a warning pattern must
    /// not also fire on every error).
    public var levelOnly = false
    /// The other system every match is about (`dependency: redis`), when the
    /// regex has no `dependency` capture of its own.
    public var dependency: String?
    public var literals: [Literal]
    public var unit: String?
    public var durationUnit: String?
    public var subject: Subject
    public var fallback: Bool
    public var matchExamples: [MatchExample]
    public var noMatchExamples: [(line: String, sourceLine: Int)]
    /// Where the pattern was defined: `file:line`, for error messages.
    public var origin: String
    public var packName: String
}
