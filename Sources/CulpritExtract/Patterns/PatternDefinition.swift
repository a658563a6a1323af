import CulpritModel

/// One pattern as written in a pack: what it matches and what event it yields.
public struct PatternDefinition: Sendable {
    /// A prefilter literal: every line the pattern matches contains one of them.
    public struct Literal: Sendable, Hashable {
        /// The literal.
        public var text: String
        /// Whether it must match case.
        public var caseSensitive: Bool

        /// A literal, matched ignoring case unless `caseSensitive`.
        public init(text: String, caseSensitive: Bool = false) {
            self.text = text
            self.caseSensitive = caseSensitive
        }
    }

    /// A line the pattern must match, with the captures it must yield.
    public struct MatchExample: Sendable {
        /// The line.
        public var line: String
        /// The captures it must yield, by name.
        public var captures: [String: String]
        /// Where the example is written in its pack.
        public var sourceLine: Int
    }

    /// What text the regex runs on.
    public enum Subject: String, Sendable {
        /// The record's message: unwrapped from JSON/CRI/Docker/journald, continuation lines joined.
        case message
        /// The raw first line as it is in the file.
        case line
    }

    /// The pattern's id (`pattern` in `extract` output).
    public var id: String
    /// The kind of event it yields.
    public var kind: EventKind
    /// What it matches, for `patterns list`.
    public var description: String
    /// The PCRE2 regex; nil for a pattern that matches on `field` or `level` alone.
    public var regex: String?
    /// A regex that vetoes a match of `regex`: a record it also matches is not this
    /// pattern's. It says what the main regex could only say with look-around
    /// (`failed`, but not `0 failed`), so the main regex stays one that any engine,
    /// ripgrep's included, runs unchanged.
    public var unless: String?
    /// A structured field (JSON, logfmt) whose presence or value it reads.
    public var field: String?
    /// The severity a record must have (at least, unless `levelOnly`).
    public var level: Severity?
    /// With `level`: only records at exactly that level (a warning pattern must
    /// not also fire on every error).
    public var levelOnly = false
    /// The other system every match is about (`dependency: redis`), when the
    /// regex has no `dependency` capture of its own.
    public var dependency: String?
    /// Prefilter literals, derived from the regex or given in the pack.
    public var literals: [Literal]
    /// The unit of the `value` capture (`bytes`, `kb`, `mb`…), when the regex does not capture one.
    public var unit: String?
    /// The unit of the `duration` capture, when the regex does not capture one.
    public var durationUnit: String?
    /// What text the regex runs on.
    public var subject: Subject
    /// Run only when no other pattern produced an event for the record.
    public var fallback: Bool
    /// Lines it must match, with their captures.
    public var matchExamples: [MatchExample]
    /// Lines it must not match, with where they are written.
    public var noMatchExamples: [(line: String, sourceLine: Int)]
    /// Where the pattern was defined: `file:line`, for error messages.
    public var origin: String
    /// The pack it came from.
    public var packName: String
}
