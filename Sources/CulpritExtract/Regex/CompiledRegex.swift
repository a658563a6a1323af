import CPCRE2

/// A PCRE2 pattern compiled once, JIT-compiled, and shared read-only by every
/// worker thread. Matching needs a per-thread `RegexScratch`.
///
/// Patterns run in byte mode (no UTF): log lines are often invalid UTF-8, and
/// every built-in pattern is ASCII, so this is both safe and fastest.
package final class CompiledRegex: @unchecked Sendable {
    // @unchecked: the compiled code is immutable after init and PCRE2 documents
    // it as safe to share between threads; match state lives in RegexScratch.
    let code: OpaquePointer
    /// Named capture groups: name → group numbers (several with `(?J)` duplicate names).
    package let groupNumbers: [String: [Int]]
    package let source: String
    /// How many capture groups the pattern has (named or not): the match data
    /// must hold this many plus one pairs, or PCRE2 reports no captures.
    package let captureCount: Int

    /// Compiles `pattern`. Throws `RegexCompileError` with PCRE2's message and offset.
    package init(_ pattern: String) throws(RegexCompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: buffer.count) { pointer in
                pcre2_compile_8(pointer, buffer.count - 1, 0, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexCompileError(message: Self.errorMessage(errorCode), offset: errorOffset)
        }
        code = compiled
        source = pattern
        // JIT failure (an unsupported platform) falls back to the interpreter.
        _ = pcre2_jit_compile_8(compiled, culprit_pcre2_jit_complete())
        groupNumbers = Self.readGroupNames(compiled)
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, culprit_pcre2_info_capturecount(), &captures)
        captureCount = Int(captures)
    }

    deinit { pcre2_code_free_8(code) }

    /// Matches against `subject`; on success returns the capture ranges, which
    /// are valid until the next match with the same scratch.
    @inline(__always)
    package func firstMatch(in subject: UnsafeRawBufferPointer, scratch: RegexScratch) -> RegexMatch? {
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafePointer<UInt8>(bitPattern: 1)!
        let result = pcre2_match_8(code, base, subject.count, 0, 0, scratch.matchData, scratch.matchContext)
        return Self.match(self, result: result, matchData: scratch.matchData)
    }

    /// `firstMatch(in:scratch:)` with the scratch's match data and context passed
    /// directly, so a hot loop holds no reference to the scratch.
    @inline(__always)
    /// `gaveUp` is set when PCRE2 stopped at its match or depth limit
    /// (catastrophic backtracking) instead of deciding.
    func firstMatch(in subject: UnsafeRawBufferPointer, matchData: OpaquePointer, matchContext: OpaquePointer, gaveUp: inout Bool) -> RegexMatch? {
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafePointer<UInt8>(bitPattern: 1)!
        let result = pcre2_match_8(code, base, subject.count, 0, 0, matchData, matchContext)
        if result < 0, result == culprit_pcre2_error_matchlimit() || result == culprit_pcre2_error_depthlimit() { gaveUp = true }
        return Self.match(self, result: result, matchData: matchData)
    }

    /// What `pcre2_match` returned, as a match: a positive count of set pairs;
    /// 0 when the match data had too few pairs (then every pair it has is read,
    /// rather than losing the match); negative for no match or an error.
    @inline(__always)
    private static func match(_ regex: CompiledRegex, result: Int32, matchData: OpaquePointer) -> RegexMatch? {
        guard result >= 0 else { return nil }
        let pairs = result > 0 ? Int(result) : Int(pcre2_get_ovector_count_8(matchData))
        return RegexMatch(regex: regex, ovector: pcre2_get_ovector_pointer_8(matchData), pairs: pairs)
    }


    /// Whether `text` matches, without copying it or building captures.
    package func matches(_ text: String, scratch: RegexScratch) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: UnsafeRawBufferPointer($0), scratch: scratch) != nil }
    }

    /// Convenience for tests and pattern examples: match a Swift string.
    package func firstMatch(in text: String, scratch: RegexScratch) -> [String: String]? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw in
            guard let match = firstMatch(in: UnsafeRawBufferPointer(raw), scratch: scratch) else { return nil }
            var captures = [String: String]()
            for name in groupNumbers.keys {
                if let range = match.range(named: name) {
                    captures[name] = String(decoding: raw[range], as: UTF8.self)
                }
            }
            return captures
        }
    }

    private static func readGroupNames(_ code: OpaquePointer) -> [String: [Int]] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, culprit_pcre2_info_namecount(), &count)
        pcre2_pattern_info_8(code, culprit_pcre2_info_nameentrysize(), &entrySize)
        pcre2_pattern_info_8(code, culprit_pcre2_info_nametable(), &table)
        guard let table, count > 0 else { return [:] }
        var names = [String: [Int]]()
        for index in 0..<Int(count) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize), entry[end] != 0 { end += 1 }
            names[String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self), default: []].append(number)
        }
        return names
    }

    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// A regex that PCRE2 refused, with its message and the byte offset it points at.
package struct RegexCompileError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var offset: Int
    package var description: String { "\(message) at offset \(offset)" }
}

/// The capture groups of one match: byte ranges into the subject.
package struct RegexMatch {
    // Unowned: a match lives only while its regex is being run, and a counted
    // reference would cost two atomic operations per match on the hot path.
    unowned(unsafe) let regex: CompiledRegex
    let ovector: UnsafeMutablePointer<Int>
    let pairs: Int

    /// The byte range of group `number` in the subject, nil when it did not take part.
    @inline(__always)
    package func range(group number: Int) -> Range<Int>? {
        guard number < pairs else { return nil }
        let start = ovector[2 * number]
        let end = ovector[2 * number + 1]
        guard start != culprit_pcre2_unset(), end >= start else { return nil }
        return start..<end
    }

    /// The range of the first group called `name` that took part in the match.
    package func range(named name: String) -> Range<Int>? {
        for number in regex.groupNumbers[name] ?? [] {
            if let found = range(group: number) { return found }
        }
        return nil
    }
}
