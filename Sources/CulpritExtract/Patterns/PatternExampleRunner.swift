import Foundation

/// Runs every pattern's `examples` through the real decoding and matching path
/// (envelope, level, prefilter literals, regex, captures), so a pack proves what
/// it matches — the way lnav's format `sample` entries do.
public struct PatternExampleRunner {
    /// One example that did not behave as its pack says.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The pattern whose example failed.
        public var patternID: String
        /// Where the example is written: `file:line`.
        public var origin: String
        /// What happened instead.
        public var message: String
        /// `origin: patternID: message`.
        public var description: String { "\(origin): \(patternID): \(message)" }
    }

    /// The patterns whose examples are run.
    public let patterns: PatternSet

    /// A runner for the examples of `patterns`.
    public init(patterns: PatternSet) { self.patterns = patterns }

    /// How many examples ran, and the failures.
    public func run() -> (examples: Int, failures: [Failure]) {
        let matcher = PatternMatcher(patterns: patterns)
        let scratch = RegexScratch()
        let decoder = LineDecoder(timestamps: TimestampParser(
            zone: ZoneResolver(zone: TimeZone(identifier: "UTC")!), defaultYear: 2025, latestPlausible: .max / 4))
        var failures = [Failure]()
        var count = 0
        for (index, pattern) in patterns.compiled.enumerated() {
            let definition = pattern.definition
            let file = PatternSet.split(definition.origin).0
            var only = PatternMask()
            only.insert(index)
            func fail(_ line: Int, _ message: String) {
                failures.append(Failure(patternID: definition.id, origin: "\(file):\(line)", message: message))
            }
            for example in definition.matchExamples {
                count += 1
                let outcome = evaluate(example.line, decoder: decoder, matcher: matcher, only: only, index: index)
                guard outcome.passesPrefilter else {
                    fail(example.sourceLine, "example contains none of the literals \(definition.literals.map(\.text)): \(example.line)")
                    continue
                }
                guard let draft = outcome.draft else {
                    fail(example.sourceLine, "example does not match: \(example.line)")
                    continue
                }
                _ = draft
                guard !example.captures.isEmpty else { continue }
                guard let regex = pattern.regex else {
                    fail(example.sourceLine, "captures given but the pattern has no regex")
                    continue
                }
                let subject = definition.subject == .line ? example.line : outcome.message
                let captured = regex.firstMatch(in: subject, scratch: scratch) ?? [:]
                for (name, expected) in example.captures.sorted(by: { $0.key < $1.key }) where captured[name] != expected {
                    fail(example.sourceLine, "capture `\(name)` is \(captured[name].map { "\"\($0)\"" } ?? "missing"), expected \"\(expected)\" in: \(example.line)")
                }
            }
            for example in definition.noMatchExamples {
                count += 1
                let outcome = evaluate(example.line, decoder: decoder, matcher: matcher, only: only, index: index)
                if outcome.passesPrefilter, outcome.draft != nil {
                    fail(example.sourceLine, "matches but must not: \(example.line)")
                }
            }
        }
        return (count, failures)
    }

    private struct Outcome {
        var passesPrefilter: Bool
        var draft: EventDraft?
        var message: String
    }

    private func evaluate(_ line: String, decoder: LineDecoder, matcher: PatternMatcher, only: PatternMask, index: Int) -> Outcome {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { mutable in
            let buffer = UnsafeBufferPointer(mutable)
            var mask = PatternMask()
            patterns.prefilter.scan(buffer, into: &mask)
            let passes = mask.contains(index)
            let decoded = decoder.decode(buffer, envelope: EnvelopeKind.classify(buffer))
            let drafts = decoded.message.withUnsafeBufferPointer { message in
                matcher.match(.init(message: message, line: buffer, severity: decoded.severity, fields: decoded.fields), candidates: only)
            }
            return Outcome(passesPrefilter: passes, draft: drafts.first, message: String(decoding: decoded.message, as: UTF8.self))
        }
    }
}
