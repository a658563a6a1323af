import CulpritModel

/// Mines the message templates of one service's error and warning events as
/// they stream by, in bounded memory: Drain (He et al., "Drain: An Online Log
/// Parsing Approach with Fixed Depth Tree", ICWS 2017), the method behind
/// Grafana Loki's pattern ingester and OpenTelemetry's `drainprocessor`.
///
/// Method and thresholds:
/// - The message is taken from the record's first line without the logger's
///   own timestamp, level and logger (`MessageText`), cut into at most
///   `maxTokens` (40) white-space tokens, its variable parts masked as `<*>`
///   (`MessageTokens`: numbers, hex, UUIDs, IPs, times, numbered path parts,
///   quoted values).
/// - A fixed-depth tree routes the tokens: root → token count → first token →
///   second token (`depth` = 2 token layers) → a leaf holding templates. A token
///   holding a mask goes down the `<*>` branch, as does any new token once a node
///   has `maxChildren` (100) children; a search takes the exact branch, else `<*>`.
/// - In the leaf, the template with the highest similarity (share of positions
///   with the same token; ties to the one with more `<*>`) takes the message when
///   the similarity is at least `similarityThreshold` (0.5, Drain's value for most
///   of LogHub's logs), and the positions that differ become `<*>`; otherwise the
///   message starts a new template.
/// - At most `maxTemplates` (1,000) templates are kept: when a new one would pass
///   that, the least recently seen tenth are evicted. Their leaves are marked, and
///   templates born in a marked leaf are flagged `mayRepeatEvicted`, so a message
///   forgotten and seen again is never taken for a new one.
///
/// Cost: it runs where events are aggregated, on error and warning events only,
/// never on other lines: about 0.43 µs per event (one million Spring Boot WARN
/// lines: analyze 1.05 s → 1.52 s); on the 300 MB bench corpus (25,000 error and
/// warning events among 690,000) analyze's time is unchanged within noise.
package struct TemplateMiner: Sendable, Codable {
    package static let depth = 2
    package static let similarityThreshold = 0.5
    package static let maxChildren = 100
    package static let maxTemplates = 1000
    package static let maxTokens = 40
    /// The share of templates evicted at once when the cap is reached.
    static let evictionShare = 0.1

    /// A node of the tree: children by token hash (the root's by token count), and
    /// a leaf's templates by slot.
    private struct Node: Sendable {
        var children: [UInt64: Int] = [:]
        var templates: [Int] = []
        /// A leaf that lost a template to eviction.
        var evicted = false
        /// How the root reaches this leaf: the token count, then the branch tokens (`<*>` or a token).
        var route: [String] = []
    }

    /// Templates by slot; nil for an evicted template's free slot.
    private var slots: [MessageTemplate?] = []
    private var freeSlots: [Int] = []
    private var nodes = [Node()]
    /// Scratch for the message being read (not saved).
    private var message: [UInt8] = []
    private var tokens = MessageTokens()

    package init() {}

    /// The live templates, most frequent first.
    package var templates: [MessageTemplate] {
        slots.compactMap { $0 }.sorted { ($0.count, $1.firstSeen) > ($1.count, $0.firstSeen) }
    }

    package var templateCount: Int { slots.count - freeSlots.count }

    /// Takes one error or warning event at `time` (microseconds).
    package mutating func add(_ event: LogEvent, time: Int64) {
        let truncated = event.excerpt.utf8.count >= LogEvent.excerptLimit - 3
        var excerpt = event.excerpt
        let runsToEnd = excerpt.withUTF8 { MessageText.extract($0, into: &message) }
        message.withUnsafeBufferPointer { tokens.read($0, maxTokens: Self.maxTokens, truncated: truncated && runsToEnd) }
        guard tokens.count > 0 else { return }
        let slot = match() ?? create(time: time)
        slots[slot]!.record(event, time: time)
    }

    /// The slot of the template that takes the current tokens, generalised to them.
    private mutating func match() -> Int? {
        guard let leaf = search() else { return nil }
        var best: (slot: Int, share: Double, wildcards: Int)?
        for slot in nodes[leaf].templates where slots[slot] != nil {
            // The template's hashes are read in place: binding the template would copy (retain) all its arrays.
            guard slots[slot]!.hashes.count == tokens.count else { continue }
            let (share, wildcards) = MessageTemplate.similarity(of: slots[slot]!.hashes, to: tokens)
            if best.map({ share > $0.share || (share == $0.share && wildcards > $0.wildcards) }) ?? true {
                best = (slot, share, wildcards)
            }
        }
        guard let best, best.share >= Self.similarityThreshold else { return nil }
        slots[best.slot]!.generalise(to: tokens)
        return best.slot
    }

    /// The leaf the current tokens lead to, taking the exact branch, else `<*>`.
    private func search() -> Int? {
        guard var node = nodes[0].children[UInt64(tokens.count)] else { return nil }
        for index in 0..<min(Self.depth, tokens.count) {
            guard let next = nodes[node].children[tokens.hashes[index]] ?? nodes[node].children[MessageTokens.wildcardHash] else {
                return nil
            }
            node = next
        }
        return node
    }

    /// A new template for the current tokens, in the leaf their route leads to (created as needed).
    private mutating func create(time: Int64) -> Int {
        if templateCount >= Self.maxTemplates { evict() }
        var route = [String(tokens.count)]
        var node = child(of: 0, key: UInt64(tokens.count))
        for index in 0..<min(Self.depth, tokens.count) {
            let hash = tokens.hashes[index]
            let exact = nodes[node].children[hash]
            if let exact, !tokens.variable[index] {
                node = exact
                route.append(tokens.token(index))
            } else if tokens.variable[index] || nodes[node].children.count >= Self.maxChildren {
                node = child(of: node, key: MessageTokens.wildcardHash)
                route.append("<*>")
            } else {
                node = child(of: node, key: hash)
                route.append(tokens.token(index))
            }
        }
        if nodes[node].route.isEmpty { nodes[node].route = route }
        var template = MessageTemplate(tokens: tokens, time: time)
        template.leaf = node
        template.mayRepeatEvicted = nodes[node].evicted
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = template
        } else {
            slot = slots.count
            slots.append(template)
        }
        nodes[node].templates.append(slot)
        return slot
    }

    private mutating func child(of node: Int, key: UInt64) -> Int {
        if let existing = nodes[node].children[key] { return existing }
        nodes.append(Node())
        nodes[node].children[key] = nodes.count - 1
        return nodes.count - 1
    }

    /// Evicts the least recently seen tenth of the templates, marking their leaves.
    private mutating func evict() {
        let live = slots.indices.filter { slots[$0] != nil }
        let share = max(1, Int(Double(live.count) * Self.evictionShare))
        let oldest = live.sorted { (slots[$0]!.lastSeen, slots[$0]!.count) < (slots[$1]!.lastSeen, slots[$1]!.count) }.prefix(share)
        for slot in oldest {
            let leaf = slots[slot]!.leaf
            nodes[leaf].templates.removeAll { $0 == slot }
            nodes[leaf].evicted = true
            slots[slot] = nil
            freeSlots.append(slot)
        }
    }

    /// Forgets per-minute counts before `minute` (the sliding window of `watch`);
    /// templates themselves stay, so what was seen before is still known.
    package mutating func prune(before minute: Int64) {
        for slot in slots.indices where slots[slot] != nil { slots[slot]!.prune(before: minute) }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case templates, routes, evictedRoutes }

    /// The templates (in slot order) with the route to each one's leaf, and the
    /// routes of leaves that lost templates: the tree is rebuilt from them.
    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let live = slots.compactMap { $0 }
        try container.encode(live, forKey: .templates)
        try container.encode(live.map { nodes[$0.leaf].route }, forKey: .routes)
        try container.encode(nodes.filter(\.evicted).map(\.route), forKey: .evictedRoutes)
    }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let templates = try container.decode([MessageTemplate].self, forKey: .templates)
        let routes = try container.decode([[String]].self, forKey: .routes)
        guard routes.count == templates.count else {
            throw DecodingError.dataCorruptedError(forKey: .routes, in: container, debugDescription: "one route per template")
        }
        for route in try container.decode([[String]].self, forKey: .evictedRoutes) {
            let leaf = leaf(at: route)
            nodes[leaf].evicted = true
        }
        for (template, route) in zip(templates, routes) {
            guard route.first == String(template.tokens.count), !template.tokens.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .routes, in: container, debugDescription: "a route of another token count")
            }
            var template = template
            template.leaf = leaf(at: route)
            nodes[template.leaf].templates.append(slots.count)
            slots.append(template)
        }
    }

    /// The leaf at `route` (token count, then branch tokens), created as needed.
    private mutating func leaf(at route: [String]) -> Int {
        guard let first = route.first, let count = UInt64(first), count > 0 else { return 0 }
        var node = child(of: 0, key: count)
        for token in route.dropFirst() { node = child(of: node, key: MessageTokens.hash(token.utf8)) }
        if nodes[node].route.isEmpty { nodes[node].route = route }
        return node
    }
}
