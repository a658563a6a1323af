import CulpritModel

/// Ties the services change records name to the services the logs name, so one
/// service has one name: a record for `auth` while the logs say `auth-service`
/// is about auth-service, not a second service with no logs.
///
/// For each record service the logs do not name exactly, in order:
/// 1. `--service-alias RECORD=LOGS` decides (nothing is said about it);
/// 2. another name the record gives (a Deployment's container) that the logs use;
/// 3. the one log service whose name, once the affixes in `affixes` are dropped
///    and a `namespace/` prefix is cut, equals the record's (`checkout-api` ↔
///    `checkout`, `prod/auth` ↔ `auth`);
/// 4. else the one whose words contain the record's words, or are contained in
///    them, as a run (`payments` ↔ `payments-gateway`; `auth` never matches `oauth`).
/// The first step that finds exactly one service decides, with a note; a step
/// that finds several stops with a warning, and so does finding none: the
/// record's changes then stay suspects with no logs of their own.
package struct ServiceMatching: Sendable {
    /// `--service-alias RECORD=LOGS`: the record's name → the logs' name.
    package var aliases: [String: String]

    /// Words that say what a name is rather than which service it is, dropped before names are compared.
    package static let affixes: Set<String> = ["service", "svc", "api", "app", "server", "srv", "deployment", "deploy", "prod", "production", "staging"]

    package init(aliases: [String: String] = [:]) { self.aliases = aliases }

    /// `records` with their services renamed to the logs' names where a match was
    /// found, and what was decided for each name the logs did not have.
    package func match(_ records: [ChangeMarker], logServices: Set<String>) -> (records: [ChangeMarker], matches: [ServiceMatch]) {
        var otherNames = [String: Set<String>]()
        for record in records where !record.alsoKnownAs.isEmpty { otherNames[record.service, default: []].formUnion(record.alsoKnownAs) }
        let logWords = logServices.map { (name: $0, words: Self.words($0)) }
        var renamed = [String: String]()
        var decided = Set<String>()
        var matches = [ServiceMatch]()
        var records = records
        for index in records.indices {
            let name = records[index].service
            if let target = renamed[name] { records[index].service = target; continue }
            guard decided.insert(name).inserted else { continue }
            if let alias = aliases[name] {
                renamed[name] = alias
                records[index].service = alias
                continue
            }
            guard !logServices.isEmpty, !logServices.contains(name) else { continue }
            let outcome = Self.outcome(for: name, otherNames: otherNames[name] ?? [], logServices: logServices, logWords: logWords)
            matches.append(ServiceMatch(recordName: name, path: records[index].evidence.first?.ref.path ?? "", outcome: outcome))
            if case .named(let target, _) = outcome {
                renamed[name] = target
                records[index].service = target
            }
        }
        return (records, matches)
    }

    private static func outcome(for name: String, otherNames: Set<String>, logServices: Set<String>,
                                logWords: [(name: String, words: [String])]) -> ServiceMatch.Outcome {
        let direct = otherNames.intersection(logServices)
        if direct.count == 1, let only = direct.first { return .named(only, via: only) }
        if direct.count > 1 { return .ambiguous(direct.sorted()) }
        let candidates = [name] + otherNames.sorted()
        let wanted = candidates.map(words)
        let equal = Set(logWords.filter { log in wanted.contains(log.words) }.map(\.name))
        if let decided = decide(equal) { return decided }
        let containing = Set(logWords.filter { log in wanted.contains { runContains(log.words, $0) || runContains($0, log.words) } }.map(\.name))
        return decide(containing) ?? .none
    }

    private static func decide(_ found: Set<String>) -> ServiceMatch.Outcome? {
        guard let only = found.first else { return nil }
        return found.count == 1 ? .named(only, via: nil) : .ambiguous(found.sorted())
    }

    /// A name's words, lower-cased, without its `namespace/` and its affixes
    /// (unless it is nothing but affixes): `prod/Checkout-API` → `[checkout]`.
    static func words(_ name: String) -> [String] {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let all = base.lowercased().split { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }.map(String.init)
        let kept = all.filter { !affixes.contains($0) }
        return kept.isEmpty ? all : kept
    }

    /// Whether `needle` appears in `haystack` as consecutive words.
    static func runContains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
