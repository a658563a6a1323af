import CPCRE2

/// Per-thread match state for `CompiledRegex`: match data (reused across every
/// match, never allocated per line), a match context with limits, and a JIT stack.
///
/// The limits make a pathological pattern or line fail the match instead of
/// hanging the run: at most `matchLimit` backtracking steps and `depthLimit`
/// nested backtracking frames per match.
package final class RegexScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    let jitStack: OpaquePointer?

    package static let matchLimit: UInt32 = 1_000_000
    package static let depthLimit: UInt32 = 10_000

    /// Allocates match data with room for `captureSlots` capture groups (at
    /// least 32; PCRE2 allows at most 65,535).
    package init(captureSlots: Int = 32) {
        let pairs = UInt32(min(max(captureSlots, 32), 65_535) + 1)
        matchData = pcre2_match_data_create_8(pairs, nil)!
        matchContext = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(matchContext, Self.matchLimit)
        pcre2_set_depth_limit_8(matchContext, Self.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack {
            pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(matchContext)
        pcre2_match_data_free_8(matchData)
    }
}
