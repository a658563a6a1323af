import Foundation
import Yams
import CulpritModel

/// A pattern file that cannot be used: `file:line: message`, exit status 2.
public struct PatternFileError: Error, Sendable, CustomStringConvertible {
    /// The pack file.
    public var file: String
    /// 1-based; 0 when the message is about the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String
    /// `file:line: message`, or `file: message` when it is about the whole file.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads pattern packs (YAML) into definitions, validating every field and
/// compiling every regex so a bad pack fails at load with `file:line: message`.
public enum PatternPackLoader {
    /// The built-in packs embedded at build time.
    public static func builtInDefinitions() throws(PatternFileError) -> [PatternDefinition] {
        var definitions = [PatternDefinition]()
        for pack in embeddedPatternPacksBase64 {
            let data = Data(base64Encoded: pack.base64) ?? Data()
            definitions += try load(text: String(decoding: data, as: UTF8.self), file: "patterns/" + pack.name)
        }
        return definitions
    }

    /// Every `*.yaml`/`*.yml` file in `directory` (not recursive), in name order.
    public static func definitions(inDirectory directory: String) throws(PatternFileError) -> [PatternDefinition] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw PatternFileError(file: directory, line: 0, message: "cannot read pattern directory")
        }
        var definitions = [PatternDefinition]()
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PatternFileError(file: path, line: 0, message: "cannot read pattern file")
            }
            definitions += try load(text: String(decoding: data, as: UTF8.self), file: path)
        }
        return definitions
    }

    /// Parses one pack's text.
    public static func load(text: String, file: String) throws(PatternFileError) -> [PatternDefinition] {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PatternFileError(file: file, line: 1, message: "empty pattern file")
            }
            root = node
        } catch let error as PatternFileError {
            throw error
        } catch let error as YamlError {
            throw PatternFileError(file: file, line: yamlErrorLine(error), message: "invalid YAML: \(yamlErrorSummary(error))")
        } catch {
            throw PatternFileError(file: file, line: 1, message: "invalid YAML: " + ("\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable"))
        }
        guard let mapping = root.mapping else {
            throw PatternFileError(file: file, line: line(of: root), message: "a pattern pack is a mapping with a `patterns:` list")
        }
        let packName = mapping["pack"]?.string ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        guard let list = mapping["patterns"]?.sequence else {
            throw PatternFileError(file: file, line: line(of: root), message: "missing `patterns:` list")
        }
        var definitions = [PatternDefinition]()
        for node in list {
            definitions.append(try definition(from: node, file: file, packName: packName))
        }
        return definitions
    }

    private static let knownKeys: Set<String> = [
        "id", "kind", "description", "regex", "unless", "field", "level", "literals", "unit", "duration_unit",
        "applies_to", "fallback", "examples", "level_only", "dependency",
    ]

    private static func definition(from node: Node, file: String, packName: String) throws(PatternFileError) -> PatternDefinition {
        let at = line(of: node)
        func fail(_ message: String, _ where_: Node? = nil) -> PatternFileError {
            PatternFileError(file: file, line: where_.map(line(of:)) ?? at, message: message)
        }
        guard let map = node.mapping else { throw fail("each pattern is a mapping with at least `id`, `kind` and `literals`") }
        for (key, _) in map {
            guard let name = key.string, knownKeys.contains(name) else {
                throw fail("unknown key `\(key.string ?? "?")` (known: \(knownKeys.sorted().joined(separator: ", ")))", key)
            }
        }
        guard let id = map["id"]?.string, !id.isEmpty else { throw fail("pattern without an `id`") }
        guard let kindText = map["kind"]?.string else { throw fail("pattern \(id): missing `kind`") }
        guard let kind = EventKind(rawValue: kindText) else {
            throw fail("pattern \(id): unknown kind `\(kindText)` (one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))", map["kind"])
        }
        let regex = map["regex"]?.string
        let field = map["field"]?.string
        var level: Severity?
        if let levelNode = map["level"] {
            guard let word = levelNode.string, let parsed = Severity(word: Array(word.utf8)) else {
                throw fail("pattern \(id): `level` must be a level name such as error or critical", levelNode)
            }
            level = parsed
        }
        guard regex != nil || field != nil || level != nil else {
            throw fail("pattern \(id): needs a `regex`, a `field` or a `level`")
        }
        let unless = map["unless"]?.string
        if map["unless"] != nil {
            guard let unless, !unless.isEmpty, regex != nil else {
                throw fail("pattern \(id): `unless` is a regex, beside a `regex`", map["unless"])
            }
        }
        for (name, source) in [("regex", regex), ("unless", unless), ("field", field)] {
            guard let source else { continue }
            do {
                _ = try CompiledRegex(source)
            } catch {
                throw fail("pattern \(id): \(name) does not compile: \(error)", map[name])
            }
        }
        var literals = [PatternDefinition.Literal]()
        if let literalNodes = map["literals"]?.sequence {
            for literalNode in literalNodes {
                if let text = literalNode.string, !text.isEmpty {
                    literals.append(.init(text: text))
                } else if let literalMap = literalNode.mapping, let text = literalMap["text"]?.string, !text.isEmpty {
                    literals.append(.init(text: text, caseSensitive: literalMap["case_sensitive"]?.bool ?? false))
                } else {
                    throw fail("pattern \(id): a literal is a non-empty string or {text, case_sensitive}", literalNode)
                }
            }
        }
        guard !literals.isEmpty else {
            throw fail("pattern \(id): `literals` is required: strings one of which every matching line contains (the prefilter)")
        }
        var subject = PatternDefinition.Subject.message
        if let subjectNode = map["applies_to"] {
            guard let text = subjectNode.string, let parsed = PatternDefinition.Subject(rawValue: text) else {
                throw fail("pattern \(id): `applies_to` is `message` or `line`", subjectNode)
            }
            subject = parsed
        }
        let unit = map["unit"]?.string
        if let unit, UnitConversion.bytes(unit) == nil {
            throw fail("pattern \(id): unknown memory unit `\(unit)`", map["unit"])
        }
        let durationUnit = map["duration_unit"]?.string
        if let durationUnit, UnitConversion.seconds(durationUnit) == nil {
            throw fail("pattern \(id): unknown duration unit `\(durationUnit)`", map["duration_unit"])
        }
        var matchExamples = [PatternDefinition.MatchExample]()
        var noMatchExamples = [(line: String, sourceLine: Int)]()
        if let examples = map["examples"]?.mapping {
            for exampleNode in examples["match"]?.sequence ?? [] {
                if let text = exampleNode.string {
                    matchExamples.append(.init(line: text, captures: [:], sourceLine: line(of: exampleNode)))
                } else if let exampleMap = exampleNode.mapping, let text = exampleMap["line"]?.string {
                    var captures = [String: String]()
                    for (key, value) in exampleMap["captures"]?.mapping ?? [:] {
                        if let name = key.string, let captured = value.string { captures[name] = captured }
                    }
                    matchExamples.append(.init(line: text, captures: captures, sourceLine: line(of: exampleNode)))
                } else {
                    throw fail("pattern \(id): a match example is a line or {line, captures}", exampleNode)
                }
            }
            for exampleNode in examples["no_match"]?.sequence ?? [] {
                guard let text = exampleNode.string else { throw fail("pattern \(id): a no_match example is a line", exampleNode) }
                noMatchExamples.append((text, line(of: exampleNode)))
            }
        }
        var definition = PatternDefinition(
            id: id, kind: kind, description: map["description"]?.string ?? "", regex: regex, field: field,
            level: level, literals: literals, unit: unit, durationUnit: durationUnit, subject: subject,
            fallback: map["fallback"]?.bool ?? false, matchExamples: matchExamples,
            noMatchExamples: noMatchExamples, origin: "\(file):\(at)", packName: packName
        )
        if let dependency = map["dependency"] {
            guard let name = dependency.string, !name.isEmpty else { throw fail("pattern \(id): `dependency` names a system, such as redis", dependency) }
            definition.dependency = name
        }
        definition.unless = unless
        if let only = map["level_only"] {
            guard let flag = only.bool, level != nil else { throw fail("pattern \(id): `level_only` is true or false, beside a `level`", only) }
            definition.levelOnly = flag
        }
        return definition
    }

    /// Yams marks are 1-based already.
    private static func line(of node: Node) -> Int { node.mark?.line ?? 1 }

    private static func yamlErrorLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let problemMark, _), .parser(_, _, let problemMark, _), .composer(_, _, let problemMark, _):
            return problemMark.line
        case .reader(_, let offset?, _, let yaml):
            // The byte offset of a control character or bad UTF-8, as a line number.
            return 1 + yaml.utf8.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        default:
            return 1
        }
    }

    private static func yamlErrorSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .reader(let problem, _, _, _):
            return problem
        default:
            // One line, whatever the library's description holds.
            return "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable"
        }
    }
}
