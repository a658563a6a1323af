// Fuzz target: a pattern pack's text through PatternPackLoader (Yams) and, when
// it loads, PatternSet (PCRE2 compilation, the literal prefilter). A bad pack
// must fail with one `file:line: message` line, never trap.
import Foundation
@testable import CulpritExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatternPack(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: FuzzedInput(data, count).rest, as: UTF8.self)
    let definitions: [PatternDefinition]
    do {
        definitions = try PatternPackLoader.load(text: text, file: "fuzz.yaml")
    } catch {
        checkMessage(error.description)
        return 0
    }
    for definition in definitions {
        check(!definition.id.isEmpty && !definition.literals.isEmpty, "pattern `\(definition.id)` loaded without an id or literals")
        check(definition.origin.hasPrefix("fuzz.yaml:"), "pattern origin \(definition.origin)")
    }
    do {
        _ = try PatternSet(definitions)
    } catch {
        checkMessage(error.description)
    }
    return 0
}

private func checkMessage(_ message: String) {
    check(message.hasPrefix("fuzz.yaml"), "error message without the file: \(message)")
    check(!message.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }), "error message of more than one line: \(message)")
}
