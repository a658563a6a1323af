import CulpritModel

/// One message template of a service (`session cache full for tenant <*>`): the
/// tokens its error and warning messages share, how often and when it was seen,
/// per minute, and its first lines as evidence.
public struct MessageTemplate: Sendable, Codable {
    /// The tokens; `<*>` where the messages differ or a value was masked.
    public internal(set) var tokens: [String]
    /// Events of kind error, and of kind warning, it took.
    public internal(set) var errors = 0
    /// Events of kind warning it took.
    public internal(set) var warnings = 0
    /// First and last time seen (microseconds, UTC).
    public internal(set) var firstSeen: Int64
    /// Last time seen (microseconds, UTC).
    public internal(set) var lastSeen: Int64
    /// Its first lines (at most `exampleLimit`): where it appeared.
    public internal(set) var examples: [EvidenceLine] = []
    /// It was born where a template had been evicted (see `TemplateMiner`), so it
    /// may be a message seen before under another number: it is never called new.
    public internal(set) var mayRepeatEvicted = false
    /// Occurrences per minute.
    var minutes = MinuteCounts()
    /// Each token's hash (`MessageTokens.hash`); the wildcard's where the template has `<*>`.
    var hashes: [UInt64]
    /// The tree leaf holding it (not saved: the tree is rebuilt when a state is read).
    var leaf = 0

    static let exampleLimit = 3

    /// `session cache full for tenant <*>`.
    public var text: String { tokens.joined(separator: " ") }
    /// How many events it took.
    public var count: Int { errors + warnings }
    /// `error` when most of its events were errors, else `warning`.
    public var kind: EventKind { errors >= warnings ? .error : .warning }

    init(tokens: MessageTokens, time: Int64) {
        self.tokens = (0..<tokens.count).map(tokens.token)
        hashes = tokens.hashes
        firstSeen = time
        lastSeen = time
    }

    /// Counts one more event at `time`, keeping it as an example while there are few.
    /// (The event is taken as a parameter, not in a closure: capturing it would copy it.)
    mutating func record(_ event: LogEvent, time: Int64) {
        if event.kind == .error { errors += 1 } else { warnings += 1 }
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
        minutes.add(minute: time / 60_000_000)
        if examples.count < Self.exampleLimit { examples.append(EvidenceLine(event)) }
    }

    /// Turns every token that differs from the message's into `<*>` (Drain's template update).
    mutating func generalise(to message: MessageTokens) {
        for index in hashes.indices where hashes[index] != message.hashes[index] {
            hashes[index] = MessageTokens.wildcardHash
            tokens[index] = "<*>"
        }
    }

    /// Forgets the minutes before `minute` (the sliding window of `watch`).
    mutating func prune(before minute: Int64) { minutes.prune(before: minute) }

    /// The share of positions where `message` has the template's token (`hashes`,
    /// as many as the message's): Drain's sequence similarity. A merged `<*>`
    /// matches only a masked token. Also how many `<*>` the template has.
    static func similarity(of hashes: [UInt64], to message: MessageTokens) -> (share: Double, wildcards: Int) {
        var same = 0
        var wildcards = 0
        for index in hashes.indices {
            if hashes[index] == message.hashes[index] { same += 1 }
            if hashes[index] == MessageTokens.wildcardHash { wildcards += 1 }
        }
        return (Double(same) / Double(max(hashes.count, 1)), wildcards)
    }

    private enum CodingKeys: String, CodingKey {
        case tokens, errors, warnings, firstSeen, lastSeen, examples, mayRepeatEvicted, minutes
    }

    /// Reads a template saved by `encode(to:)`; the token hashes are recomputed.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokens = try container.decode([String].self, forKey: .tokens)
        errors = try container.decode(Int.self, forKey: .errors)
        warnings = try container.decode(Int.self, forKey: .warnings)
        firstSeen = try container.decode(Int64.self, forKey: .firstSeen)
        lastSeen = try container.decode(Int64.self, forKey: .lastSeen)
        examples = try container.decode([EvidenceLine].self, forKey: .examples)
        mayRepeatEvicted = try container.decode(Bool.self, forKey: .mayRepeatEvicted)
        minutes = try container.decode(MinuteCounts.self, forKey: .minutes)
        hashes = tokens.map { MessageTokens.hash($0.utf8) }
    }

    /// Saves the template (not its hashes or tree leaf, which are rebuilt).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(errors, forKey: .errors)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(examples, forKey: .examples)
        try container.encode(mayRepeatEvicted, forKey: .mayRepeatEvicted)
        try container.encode(minutes, forKey: .minutes)
    }
}
