/// The patterns in force for a run, compiled, with their prefilter.
public final class PatternSet: Sendable {
    /// The patterns, in the order they are tried.
    public let definitions: [PatternDefinition]
    let compiled: [CompiledPattern]
    let prefilter: LiteralPrefilter

    /// Compiles `definitions`; ids must be unique, at most `PatternMask.capacity` patterns.
    public init(_ definitions: [PatternDefinition]) throws(PatternFileError) {
        guard definitions.count <= PatternMask.capacity else {
            throw PatternFileError(file: definitions.last?.origin ?? "patterns", line: 0, message: "at most \(PatternMask.capacity) patterns can be loaded at once")
        }
        var seen = [String: String]()
        var compiled = [CompiledPattern]()
        for definition in definitions {
            if let earlier = seen[definition.id] {
                let (file, line) = Self.split(definition.origin)
                throw PatternFileError(file: file, line: line, message: "duplicate pattern id `\(definition.id)` (first defined at \(earlier))")
            }
            seen[definition.id] = definition.origin
            do {
                compiled.append(try CompiledPattern(definition, index: compiled.count))
            } catch {
                let (file, line) = Self.split(definition.origin)
                throw PatternFileError(file: file, line: line, message: "pattern \(definition.id): \(error)")
            }
        }
        self.definitions = definitions
        self.compiled = compiled
        prefilter = LiteralPrefilter(literals: definitions.map { Self.withEscapedQuotes($0.literals) })
    }

    /// `literals`, plus each one holding a `"` as it reads inside a JSON string
    /// (`\"level\":5`): a record carried as a string in another (journald's
    /// `MESSAGE`, Docker's `log`, a JSON line behind JSON) is decoded again, but the
    /// prefilter sees the outer line, where its quotes are escaped.
    static func withEscapedQuotes(_ literals: [PatternDefinition.Literal]) -> [PatternDefinition.Literal] {
        literals + literals.compactMap { literal in
            guard literal.text.contains("\"") else { return nil }
            return PatternDefinition.Literal(text: literal.text.replacingOccurrences(of: "\"", with: "\\\""), caseSensitive: literal.caseSensitive)
        }
    }

    /// The built-in packs plus every pack in `extraDirectories`. The user's
    /// patterns are tried first, so one that matches a record wins over a
    /// built-in of the same kind that would also match (a record yields one event
    /// per kind, from the first pattern of that kind). A user pattern with the id
    /// of a built-in one replaces it, so a user can tune a built-in pattern
    /// without forking the set.
    public static func load(extraDirectories: [String] = []) throws(PatternFileError) -> PatternSet {
        let builtIn = try PatternPackLoader.builtInDefinitions()
        var builtInPositions = [String: Int]()
        for (index, definition) in builtIn.enumerated() { builtInPositions[definition.id] = index }
        var user = [PatternDefinition]()
        var replaced = Set<Int>()
        for directory in extraDirectories {
            for definition in try PatternPackLoader.definitions(inDirectory: directory) {
                // A second definition of an id is reported as a duplicate by init.
                if let position = builtInPositions[definition.id] { replaced.insert(position) }
                user.append(definition)
            }
        }
        let kept = builtIn.enumerated().filter { !replaced.contains($0.offset) }.map(\.element)
        return try PatternSet(user + kept)
    }

    static func split(_ origin: String) -> (String, Int) {
        guard let colon = origin.lastIndex(of: ":"), let line = Int(origin[origin.index(after: colon)...]) else { return (origin, 0) }
        return (String(origin[..<colon]), line)
    }
}
