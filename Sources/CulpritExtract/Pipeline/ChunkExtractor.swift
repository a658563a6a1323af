import Foundation
import CulpritModel

/// Turns one chunk of whole lines into events: splits lines, groups multi-line
/// records, asks the prefilter which patterns can match, and decodes and matches
/// only those records. One per worker and chunk; not shared between threads.
package final class ChunkExtractor {
    private let settings: ExtractionSettings
    private let context: FileContext
    private let decoder: LineDecoder
    private let matcher: PatternMatcher
    @exclusivity(unchecked) private var rules = ContinuationRules()
    /// Where a Docker line's message start is decoded for the continuation rules.
    private let viewScratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: ContinuationView.scratchSize)
    /// The drafts of the record being finished, reused from record to record.
    @exclusivity(unchecked) private var drafts = [EventDraft]()

    /// The time of the last timed line before byte `start` of the chunk, from the
    /// previous backward search: searches never cover the same lines twice.
    @exclusivity(unchecked) private var knownTime: (start: Int, time: Int64?) = (0, nil)

    deinit { viewScratch.deallocate() }

    // Strings every event of the chunk shares, copied for this extractor alone.
    // Workers extract chunks of the same file at once: were the events of both to
    // share one path or pattern id, every retain and release would be an atomic
    // operation on a cache line the two cores pass back and forth.
    private let displayPath: String
    private let pathService: String
    private let overrideService: String?
    private let pathNamesService: Bool
    @exclusivity(unchecked) private var patternIDs: [String?]

    private static func privateCopy(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    private func patternID(_ pattern: CompiledPattern) -> String {
        if let id = patternIDs[pattern.index] { return id }
        let id = Self.privateCopy(pattern.id)
        patternIDs[pattern.index] = id
        return id
    }

    package init(settings: ExtractionSettings, context: FileContext) {
        self.settings = settings
        self.context = context
        let zone = ZoneResolver(zone: settings.zone)
        decoder = LineDecoder(timestamps: context.timestampParser(zone: zone))
        matcher = PatternMatcher(patterns: settings.patterns)
        displayPath = Self.privateCopy(context.file.displayPath)
        pathService = Self.privateCopy(context.pathService)
        overrideService = context.overrideService.map(Self.privateCopy)
        pathNamesService = context.pathNamesService
        patternIDs = [String?](repeating: nil, count: settings.patterns.compiled.count)
    }

    /// The record being assembled: its lines (byte ranges in the chunk), whether
    /// each is a CRI partial line, and the patterns its lines' literals allow.
    /// Kept across records so a chunk's lines cost no allocation each.
    private struct OpenRecord {
        var firstLineNumber = 0
        var lines: [Range<Int>] = []
        var partial: [Bool] = []
        var mask = PatternMask()
        var isOpen: Bool { !lines.isEmpty }

        mutating func start(lineNumber: Int, range: Range<Int>, partial isPartial: Bool, mask: PatternMask) {
            firstLineNumber = lineNumber
            lines.removeAll(keepingCapacity: true)
            partial.removeAll(keepingCapacity: true)
            lines.append(range)
            partial.append(isPartial)
            self.mask = mask
        }

        mutating func append(range: Range<Int>, partial isPartial: Bool, mask: PatternMask) {
            lines.append(range)
            partial.append(isPartial)
            self.mask.formUnion(mask)
        }
    }
    @exclusivity(unchecked) private var record = OpenRecord()

    func extract(_ chunk: UnsafeBufferPointer<UInt8>) -> ChunkResult {
        var result = ChunkResult()
        guard let base = chunk.baseAddress else { return result }
        let prefilter = settings.patterns.prefilter
        let envelope = context.envelope
        record.lines.removeAll(keepingCapacity: true)
        var lineNumber = 0
        var position = 0
        let count = chunk.count
        while position < count {
            let remaining = count - position
            let newline = memchr(base + position, 0x0A, remaining)
            var lineEndWithNewline = newline.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            // A journal export entry is one record over many lines: it is taken as one "line".
            var entryLines = 0
            if envelope == .journalExport, let entry = JournalExportEntry.extent(in: chunk, from: position) {
                lineEndWithNewline = entry.end
                entryLines = entry.innerNewlines
            }
            defer { lineNumber += entryLines }
            var lineEnd = lineEndWithNewline
            if lineEnd > position, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd - position > settings.maxLineLength {
                lineEnd = position + settings.maxLineLength
                result.truncatedLines += 1
            }
            let range = position..<lineEnd
            position = lineEndWithNewline + 1
            lineNumber += 1
            let line = UnsafeBufferPointer(rebasing: chunk[range])

            var mask = PatternMask()
            prefilter.scan(line, into: &mask)
            var isPartial = false
            if envelope == .cri, let prefix = CRIPrefix.parse(line) { isPartial = prefix.isPartial }

            // What the continuation rules read: computed once, for both questions below.
            let view = ContinuationView.messageStart(of: line, envelope: envelope, scratch: viewScratch)
            if record.isOpen, record.lines.count < ContinuationRules.maxLines,
               record.partial.last == true || view.map({ rules.continues($0) }) == true {
                record.append(range: range, partial: isPartial, mask: mask)
                continue
            }
            if record.isOpen { finishRecord(chunk: chunk, into: &result) }
            record.start(lineNumber: lineNumber, range: range, partial: isPartial, mask: mask)
            rules.begin(view ?? UnsafeBufferPointer(start: nil, count: 0))
        }
        if record.isOpen { finishRecord(chunk: chunk, into: &result) }
        result.lineCount = lineNumber
        result.eventCount = result.events.count
        result.lastTime = timeBefore(chunk.count, in: chunk)
        for (index, hits) in matcher.limitHits.enumerated() where hits > 0 { result.patternsGaveUp[index] = hits }
        return result
    }

    private func finishRecord(chunk: UnsafeBufferPointer<UInt8>, into result: inout ChunkResult) {
        guard !record.mask.isEmpty else { return }
        let headLine = UnsafeBufferPointer(rebasing: chunk[record.lines[0]])
        if context.envelope == .otlpJSON {
            // One export request holds many records: each is matched on its own and cites the line.
            // The line's literals select the patterns for all of them (a superset for each).
            for head in decoder.decodeRecords(headLine, envelope: .otlpJSON) {
                head.message.withUnsafeBufferPointer { message in
                    finishDecoded(head, headLine: message, chunk: chunk, into: &result)
                }
            }
            return
        }
        var head = decoder.decode(headLine, envelope: context.envelope, borrowingText: true)
        if head.messageIsLine, record.lines.count > 1 {
            head.message = Array(headLine)
            head.messageIsLine = false
        }
        if record.lines.count > 1 {
            for (offset, range) in record.lines.enumerated().dropFirst() {
                let piece = decoder.decode(UnsafeBufferPointer(rebasing: chunk[range]), envelope: context.envelope).message
                if !record.partial[offset - 1] { head.message.append(0x0A) }
                head.message.append(contentsOf: piece)
            }
        }
        finishDecoded(head, headLine: headLine, chunk: chunk, into: &result)
    }

    /// Matches the record `head` decoded from and turns its drafts into events.
    private func finishDecoded(_ head: DecodedLine, headLine: UnsafeBufferPointer<UInt8>, chunk: UnsafeBufferPointer<UInt8>,
                               into result: inout ChunkResult) {
        if head.messageIsLine {
            matcher.match(PatternMatcher.Subject(message: headLine, line: headLine, severity: head.severity, fields: head.fields),
                          candidates: record.mask, into: &drafts)
        } else {
            head.message.withUnsafeBufferPointer { message in
                matcher.match(PatternMatcher.Subject(message: message, line: headLine, severity: head.severity, fields: head.fields),
                              candidates: record.mask, into: &drafts)
            }
        }
        guard !drafts.isEmpty else { return }
        var time = head.time
        var quality = TimeQuality.exact
        if time == nil {
            time = timeBefore(record.lines[0].lowerBound, in: chunk)
            // No dated line before it in this chunk: the chunks before it may have one.
            quality = time == nil ? .unknown : .estimated
        }
        if let time = head.time { knownTime = (record.lines[0].lowerBound, time) }
        let excerpt = head.quotesMessage ? head.message.withUnsafeBufferPointer(Self.excerpt) : Self.excerpt(headLine)
        let ref = SourceRef(path: displayPath, line: record.firstLineNumber)
        reserveRoom(for: drafts.count, at: record.lines[0].lowerBound, of: chunk.count, in: &result.events)
        drafts.withUnsafeBufferPointer { drafts in
            for index in drafts.indices {
                if time == nil { result.needsEarlierTime.append(result.events.count) }
                result.events.append(event(from: drafts[index], head: head, time: time, quality: quality, ref: ref, excerpt: excerpt))
            }
        }
    }

    /// Grows `events` ahead of need, to the count the chunk is on course for:
    /// growing by doubling would copy an event-dense chunk's events a dozen times.
    @inline(__always)
    private func reserveRoom(for extra: Int, at position: Int, of chunkSize: Int, in events: inout [LogEvent]) {
        let needed = events.count + extra
        guard needed > events.capacity else { return }
        // Sizes, not input values: a chunk holds at most a few MiB, so nothing here overflows.
        let projected = position > 0 ? events.count * chunkSize / position : 0
        events.reserveCapacity(max(needed * 2, min(projected + projected / 8 + 16, chunkSize / 16)))
    }

    @inline(__always)
    private func event(from draft: EventDraft, head: DecodedLine, time: Int64?, quality: TimeQuality, ref: SourceRef, excerpt: String) -> LogEvent {
        // Built in one go: a LogEvent is large, and setting fields after init copies it.
        let service = serviceName(draft: draft, head: head)
        var version = draft.version ?? head.version
        if let product = draft.product, draft.version != nil, !Self.names(service, product: product) {
            // `Starting gunicorn 27.0.1` in auth-service's log is gunicorn's version, not auth-service's.
            version = head.version
        }
        // A system's own log reporting its own failure (PostgreSQL's `FATAL:  sorry, too
        // many clients already` in postgres's log) is about itself, not a dependency.
        var dependency = draft.dependency
        if let named = dependency, Self.isItself(service, dependency: named) { dependency = nil }
        return LogEvent(
            time: time, service: service, host: draft.host ?? head.host, kind: draft.kind,
            value: draft.value, unit: draft.unit, version: version, patternID: patternID(draft.pattern), ref: ref,
            status: draft.status, duration: draft.duration, limit: draft.limit, severity: head.severity, excerpt: excerpt,
            timeQuality: quality, dependency: dependency
        )
    }

    /// Whether a product a start line names is the service itself (`PostgreSQL`
    /// in postgres's log) rather than a server, framework or runtime it runs on.
    static func names(_ service: String, product: String) -> Bool {
        let service = service.lowercased(), product = product.lowercased()
        guard product.count >= 3, service.count >= 3 else { return service == product }
        return service.contains(product) || product.contains(service)
    }

    /// Whether a dependency an event names is the service itself: the same name
    /// (port aside), or the name and a server suffix (`postgres` in `postgresql`'s
    /// log, `redis` in `redis-server`'s). `api-backend` is not `api`.
    static func isItself(_ service: String, dependency: String) -> Bool {
        let service = service.lowercased()
        let host = dependency.lowercased().split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        guard !host.isEmpty else { return false }
        if service == host { return true }
        for (longer, shorter) in [(service, host), (host, service)] where longer.hasPrefix(shorter) {
            if Self.serverSuffixes.contains(String(longer.dropFirst(shorter.count))) { return true }
        }
        return false
    }

    static let serverSuffixes: Set<String> = ["ql", "db", "-db", "d", "-server", "_server", "-primary", "-master", "-0"]

    /// Who an event is about: a pattern's `service` capture first (a deploy line
    /// names what it deploys), then `--service`, the line's own fields, the path.
    /// A kernel OOM kill names a process (`java`), not a service: in a file that
    /// belongs to a service (its folder or name says so) it is that service's.
    private func serviceName(draft: EventDraft, head: DecodedLine) -> String {
        if draft.kind == .oom, head.service == nil || head.service == "kernel", overrideService != nil || pathNamesService {
            return overrideService ?? pathService
        }
        let lineService = head.service.flatMap { pathNamesService && Self.systemTags.contains($0) ? nil : $0 }
        return draft.service ?? overrideService ?? lineService ?? pathService
    }

    /// Syslog tags of the system itself: in a file that belongs to a service, their
    /// lines are about that service (`systemd[1]: auth.service: …` in auth's folder).
    static let systemTags: Set<String> = ["kernel", "systemd", "init", "CRON", "cron", "crond", "systemd-logind", "systemd-journald",
                                          "dockerd", "containerd", "kubelet", "sudo", "sshd", "rsyslogd", "anacron", "audit"]

    /// The time of the last line with one before byte `start` (a line start) of
    /// the chunk, nil when no line since the chunk began has one. Lines are
    /// decoded backwards only as far as the previous search reached.
    private func timeBefore(_ start: Int, in chunk: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard start > knownTime.start else { return knownTime.time }
        var end = start
        var found: Int64?
        var searched = false
        while end > knownTime.start {
            // The line ending just before `end` (whose newline is at end - 1).
            var lineStart = end - 1
            while lineStart > knownTime.start, chunk[lineStart - 1] != 0x0A { lineStart -= 1 }
            var lineEnd = end - 1
            if lineEnd > lineStart, chunk[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > lineStart {
                let line = UnsafeBufferPointer(rebasing: chunk[lineStart..<min(lineEnd, lineStart + settings.maxLineLength)])
                if let time = decoder.decode(line, envelope: context.envelope).time {
                    found = time
                    searched = true
                    break
                }
            }
            end = lineStart
        }
        let time = searched ? found : knownTime.time
        knownTime = (start, time)
        return time
    }

    /// The first `LogEvent.excerptLimit` bytes of a line as text (invalid UTF-8 repaired).
    package static func excerpt(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var end = min(line.count, LogEvent.excerptLimit)
        // Do not cut a UTF-8 sequence in half.
        while end < line.count, end > 0, line[end] & 0xC0 == 0x80 { end -= 1 }
        let prefix = UnsafeBufferPointer(rebasing: line[..<end])
        // NUL bytes are dropped; checked on bytes so the common case costs one memchr.
        guard let base = prefix.baseAddress, memchr(base, 0, prefix.count) != nil else {
            return String(decoding: prefix, as: UTF8.self)
        }
        return String(decoding: prefix.filter { $0 != 0 }, as: UTF8.self)
    }
}
