/// The words that can tie an error message to a commit subject ("session
/// lookup timed out" and "Cache session tokens"): runs of letters, camelCase
/// and PascalCase split (`SessionCache` → session, cache), lower-cased, a
/// plural `s` dropped, at least 4 letters, without common English words and
/// the words every log or commit has (error, exception, failed, update…).
enum MessageWords {
    static let minimumLength = 4

    static func words(in text: String) -> Set<String> {
        var words = Set<String>()
        var current = [Character]()
        func flush() {
            for part in splitCase(current) { if let word = normalised(part) { words.insert(word) } }
            current.removeAll(keepingCapacity: true)
        }
        for character in text {
            if character.isLetter, character.isASCII { current.append(character) } else { flush() }
        }
        flush()
        return words
    }

    /// `SessionCache` → Session, Cache; `HTTPServer` → HTTP, Server.
    static func splitCase(_ letters: [Character]) -> [String] {
        var parts = [String]()
        var part = ""
        for (index, letter) in letters.enumerated() {
            if letter.isUppercase, !part.isEmpty {
                let previousLower = letters[index - 1].isLowercase
                let nextLower = index + 1 < letters.count && letters[index + 1].isLowercase
                if previousLower || (nextLower && part.count > 1) {
                    parts.append(part)
                    part = ""
                }
            }
            part.append(letter)
        }
        if !part.isEmpty { parts.append(part) }
        return parts
    }

    static func normalised(_ part: String) -> String? {
        var word = part.lowercased()
        if word.count > minimumLength, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
        guard word.count >= minimumLength, !stopWords.contains(word) else { return nil }
        return word
    }

    static let stopWords: Set<String> = [
        // English
        "about", "after", "again", "also", "been", "before", "being", "could", "does", "done", "each", "from", "have", "into",
        "just", "more", "most", "must", "only", "other", "over", "should", "some", "such", "than", "that", "their", "them",
        "then", "there", "these", "they", "this", "under", "very", "were", "what", "when", "where", "which", "while", "will",
        "with", "would", "your", "null", "none", "true", "false", "undefined",
        // every log has these
        "error", "warn", "warning", "info", "debug", "trace", "fatal", "critical", "exception", "failed", "failure", "fail",
        "caused", "level", "message", "thread", "main", "time", "timestamp", "stack", "line", "java", "util", "base", "lang",
        "exec", "http", "https", "service", "host", "process", "pool", "task", "worker", "status", "code", "request", "response",
        // every history has these
        "merge", "bump", "update", "version", "release", "commit", "change", "revert", "chore", "refactor", "cleanup",
    ]
}
