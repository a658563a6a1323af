import CulpritModel

/// Runs the patterns the prefilter selected against one record and turns their
/// captures into event drafts. One per worker thread: it owns the match scratch.
///
/// Rules: patterns run in pack order; a record yields at most one event per kind
/// (the first pattern of that kind wins); `fallback` patterns run only when no
/// other pattern produced an event.
final class PatternMatcher {
    let patterns: PatternSet
    private let scratch: RegexScratch
    /// Per pattern (by index), how many records its regex gave up on at PCRE2's
    /// backtracking limits: a catastrophic pattern is reported, not silently blind.
    @exclusivity(unchecked) private(set) var limitHits: [Int]
    /// `patterns.compiled` as unretained references: `patterns` keeps them alive,
    /// and the hot loop then reads a pattern without reference counting.
    private let table: UnsafeMutablePointer<Unmanaged<CompiledPattern>>
    private let patternCount: Int
    private let matchData: OpaquePointer
    private let matchContext: OpaquePointer

    init(patterns: PatternSet) {
        self.patterns = patterns
        patternCount = patterns.compiled.count
        scratch = RegexScratch(captureSlots: patterns.compiled.map(\.captureCount).max() ?? 0)
        limitHits = [Int](repeating: 0, count: patternCount)
        matchData = scratch.matchData
        matchContext = scratch.matchContext
        table = .allocate(capacity: max(patternCount, 1))
        for (index, pattern) in patterns.compiled.enumerated() {
            table.advanced(by: index).initialize(to: .passUnretained(pattern))
        }
    }

    deinit { table.deallocate() }

    /// The record as the patterns see it.
    struct Subject {
        var message: UnsafeBufferPointer<UInt8>
        var line: UnsafeBufferPointer<UInt8>
        var severity: Severity?
        var fields: RecordFields
    }

    func match(_ subject: Subject, candidates: PatternMask) -> [EventDraft] {
        var drafts = [EventDraft]()
        match(subject, candidates: candidates, into: &drafts)
        return drafts
    }

    /// Appends the record's drafts to `drafts` (emptied first), so a caller can
    /// reuse one buffer for every record.
    func match(_ subject: Subject, candidates: PatternMask, into drafts: inout [EventDraft]) {
        drafts.removeAll(keepingCapacity: true)
        var kindsSeen = KindSet()
        var sawFallback = false
        let table = table
        let count = patternCount
        candidates.forEach { index in
            guard index < count else { return }
            table[index]._withUnsafeGuaranteedRef { pattern in
                if kindsSeen.contains(pattern.kind) { return }
                if pattern.fallback { sawFallback = true; return }
                if let draft = evaluate(pattern, subject) {
                    kindsSeen.insert(draft.kind)
                    drafts.append(draft)
                }
            }
        }
        if drafts.isEmpty, sawFallback {
            candidates.forEach { index in
                guard index < count else { return }
                table[index]._withUnsafeGuaranteedRef { pattern in
                    guard pattern.fallback, !kindsSeen.contains(pattern.kind) else { return }
                    if let draft = evaluate(pattern, subject) {
                        kindsSeen.insert(draft.kind)
                        drafts.append(draft)
                    }
                }
            }
        }
    }

    private func evaluate(_ pattern: CompiledPattern, _ subject: Subject) -> EventDraft? {
        // Fields are read from the compiled pattern itself: copying the whole
        // definition (strings, examples) per record would cost a retain per field.
        if let level = pattern.level {
            guard let severity = subject.severity, severity.rawValue <= level.rawValue else { return nil }
            if pattern.levelOnly, severity != level { return nil }
        }
        var draft = EventDraft(kind: pattern.kind, pattern: pattern)
        if let regex = pattern.regexHandle {
            let text = pattern.matchesRawLine ? subject.line : subject.message
            var gaveUp = false
            guard let match = regex._withUnsafeGuaranteedRef({ regex in
                regex.firstMatch(in: UnsafeRawBufferPointer(text), matchData: matchData, matchContext: matchContext, gaveUp: &gaveUp)
            }) else {
                if gaveUp { limitHits[pattern.index] += 1 }
                return nil
            }
            // With a `field`, the regex only qualifies the record; the value comes from the field.
            guard fill(&draft, from: match, in: text, pattern: pattern) || pattern.field != nil else { return nil }
            if let unless = pattern.unless,
               unless.firstMatch(in: UnsafeRawBufferPointer(text), matchData: matchData, matchContext: matchContext, gaveUp: &gaveUp) != nil {
                return nil
            }
        }
        if let field = pattern.field {
            guard fillFromField(&draft, field: field, fields: subject.fields, pattern: pattern) else { return nil }
        }
        if draft.dependency == nil, let dependency = pattern.dependency { draft.dependency = dependency }
        // A request line's pattern reads the message; its duration may be a field beside it (zap's `duration`).
        if draft.kind == .http, draft.duration == nil, !subject.fields.isEmpty, let seconds = requestDuration(in: subject.fields) {
            draft.duration = seconds
        }
        guard draft.keepPlausibleValues() else { return nil }
        return draft
    }

    // MARK: - Captures

    private func fill(_ draft: inout EventDraft, from match: RegexMatch, in text: UnsafeBufferPointer<UInt8>, pattern: CompiledPattern) -> Bool {
        let groups = pattern.groups
        func capture(_ role: CaptureGroups.Role) -> UnsafeBufferPointer<UInt8>? { groups.capture(role, in: match, of: text) }
        // Words (units) are short: as Strings they stay inline, without allocating.
        func word(_ role: CaptureGroups.Role) -> String? { capture(role).map { String(decoding: $0, as: UTF8.self) } }
        if let service = word(.service) { draft.service = service }
        if let version = word(.version) { draft.version = version }
        if let host = word(.host) { draft.host = host }
        if let dependency = word(.dependency) { draft.dependency = dependency }
        if let product = word(.product) { draft.product = product }
        if let status = capture(.status) { draft.status = ByteNumber.integer(status) }
        if let duration = capture(.duration).flatMap(ByteNumber.decimal) {
            let unit = word(.durationUnit)
            guard let perUnit = unit.map({ UnitConversion.seconds($0) }) ?? pattern.defaultSecondsPerUnit ?? 1 else { return false }
            draft.duration = duration * perUnit
        }
        let value = capture(.value).flatMap(ByteNumber.decimal)
        switch draft.kind {
        case .memory, .oom:
            let unit = word(.unit)
            if let value {
                guard let perUnit = unit.map({ UnitConversion.bytes($0) }) ?? pattern.defaultBytesPerUnit else { return false }
                draft.value = value * perUnit
                draft.unit = .bytes
            } else if draft.kind == .memory {
                return false
            }
            if let limit = capture(.limit).flatMap(ByteNumber.decimal) {
                let limitUnit = word(.limitUnit) ?? unit
                if let perUnit = limitUnit.map({ UnitConversion.bytes($0) }) ?? pattern.defaultBytesPerUnit {
                    draft.limit = limit * perUnit
                }
            }
        case .gc, .latency:
            if draft.duration == nil, let value {
                let unit = word(.unit)
                guard let perUnit = unit.map({ UnitConversion.seconds($0) }) ?? pattern.defaultSecondsPerUnit ?? 1 else { return false }
                draft.duration = value * perUnit
            }
            draft.value = draft.duration
            draft.unit = draft.duration == nil ? nil : .seconds
            if draft.kind == .latency, draft.value == nil { return false }
        case .http:
            guard let status = draft.status ?? value.flatMap({ Int(exactly: $0) }), (100...599).contains(status) else { return false }
            draft.status = status
            draft.value = Double(status)
        default:
            if let value {
                draft.value = value
                draft.unit = .count
            }
        }
        return true
    }

    /// Which field names each field pattern accepts, remembered: records of one
    /// file repeat the same keys, so each key costs one regex run per chunk.
    @exclusivity(unchecked) private var fieldNameVerdicts: [ObjectIdentifier: [String: Bool]] = [:]

    private func fieldNameMatches(_ key: String, _ field: CompiledRegex) -> Bool {
        let id = ObjectIdentifier(field)
        if let known = fieldNameVerdicts[id]?[key] { return known }
        let verdict = field.matches(key, scratch: scratch)
        fieldNameVerdicts[id, default: [:]][key] = verdict
        return verdict
    }

    private func fillFromField(_ draft: inout EventDraft, field: CompiledRegex, fields: RecordFields, pattern: CompiledPattern) -> Bool {
        if draft.kind == .memory || draft.kind == .oom { return fillMemoryFromFields(&draft, field: field, fields: fields, pattern: pattern) }
        for (key, value) in fields.entries {
            guard fieldNameMatches(key, field), let number = value.number else { continue }
            switch draft.kind {
            case .memory, .oom:
                break // read by fillMemoryFromFields above
            case .gc, .latency:
                let perUnit = UnitConversion.durationSuffix(ofField: key).flatMap { UnitConversion.seconds($0) } ?? pattern.defaultSecondsPerUnit ?? 1
                draft.duration = number * perUnit
                draft.value = draft.duration
                draft.unit = .seconds
            case .http:
                guard let status = Int(exactly: number), (100...599).contains(status) else { continue }
                draft.status = status
                draft.value = number
                if let duration = requestDuration(in: fields) { draft.duration = duration }
            default:
                draft.value = number
                draft.unit = .count
            }
            return true
        }
        return false
    }

    /// One record with several memory figures (pino's `rss` and `heapUsed`, a
    /// `memory` object with `rss` and `heap`) gives one series, the same way for
    /// every runtime: the process's resident memory (rss, resident, working set)
    /// when the record has it — it is what an OOM killer and a cgroup limit
    /// measure — else the first heap or memory-used figure, in record order.
    private func fillMemoryFromFields(_ draft: inout EventDraft, field: CompiledRegex, fields: RecordFields, pattern: CompiledPattern) -> Bool {
        var chosen: (bytes: Double, resident: Bool)?
        for (key, value) in fields.entries {
            guard fieldNameMatches(key, field), let number = value.number else { continue }
            let perUnit = UnitConversion.unitSuffix(ofField: key).flatMap { UnitConversion.bytes($0) } ?? pattern.defaultBytesPerUnit
            let resident = Self.namesResidentMemory(key)
            if chosen == nil || (resident && chosen?.resident == false) { chosen = (number * perUnit, resident) }
            if resident { break }
        }
        guard let chosen else { return false }
        draft.value = chosen.bytes
        draft.unit = .bytes
        return true
    }

    /// `rss`, `memory.rss`, `resident_memory_bytes`, `workingSet`: the process's resident memory.
    static func namesResidentMemory(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.contains("rss") || lowered.contains("resident") || lowered.contains("working")
    }

    /// `duration_ms`, `latency`, `elapsed`, `request_time`, `took`, `rt`, `responseTime`: checked on bytes.
    static func isDurationFieldName(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            func contains(_ word: StaticString) -> Bool {
                let count = word.utf8CodeUnitCount
                guard bytes.count >= count else { return false }
                let needle = word.utf8Start
                for start in 0...(bytes.count - count) {
                    var equal = true
                    for offset in 0..<count where bytes[start + offset] | 0x20 != needle[offset] { equal = false; break }
                    if equal { return true }
                }
                return false
            }
            if bytes.count == 2, bytes[0] | 0x20 == UInt8(ascii: "r"), bytes[1] | 0x20 == UInt8(ascii: "t") { return true }
            return contains("duration") || contains("latency") || contains("elapsed") || contains("request_time")
                || contains("responsetime") || (bytes.count == 4 && contains("took"))
        }
    }

    /// A request's duration from the usual structured fields (`duration_ms`, `latency`, `request_time`…).
    func requestDuration(in fields: RecordFields) -> Double? {
        for (key, value) in fields.entries {
            guard Self.isDurationFieldName(key), let number = value.number else { continue }
            // Elastic Common Schema: `event.duration` is nanoseconds, whatever its size.
            if key == "event.duration" { return number / 1e9 }
            if let perUnit = UnitConversion.durationSuffix(ofField: key).flatMap({ UnitConversion.seconds($0) }) {
                return number * perUnit
            }
            // No unit in the name: fractions are seconds (zap, Envoy); whole numbers of a
            // million or more are nanoseconds (Go's time.Duration), smaller ones milliseconds.
            if number != number.rounded() { return number }
            return number >= 1e6 ? number / 1e9 : number / 1e3
        }
        return nil
    }

    /// Event kinds as bits: which kinds a record already produced.
    struct KindSet {
        private var bits: UInt16 = 0
        func contains(_ kind: EventKind) -> Bool { bits & Self.bit(kind) != 0 }
        mutating func insert(_ kind: EventKind) { bits |= Self.bit(kind) }
        static func bit(_ kind: EventKind) -> UInt16 { 1 << UInt16(kind.ordinal) }
    }


}
