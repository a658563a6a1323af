// Fuzz target: LogfmtParser on one line (quoted values, escapes, bare keys).
@testable import CulpritExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogfmt(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let line = FuzzedInput(data, count).rest
    let looksLikeLogfmt = LogfmtParser.looksLikeLogfmt(line)
    guard let fields = LogfmtParser.parse(line) else {
        check(!looksLikeLogfmt, "looksLikeLogfmt accepted a line that parse rejects")
        return 0
    }
    check(fields.entries.count >= LogfmtParser.minimumPairs, "fewer than \(LogfmtParser.minimumPairs) pairs accepted")
    check(fields.entries.allSatisfy { !$0.key.isEmpty }, "a pair with an empty key")
    for (_, value) in fields.entries { _ = value.number }
    return 0
}
