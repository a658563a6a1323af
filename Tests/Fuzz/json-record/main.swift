// Fuzz target: JSONRecordParser on one line, and every value it returns read as
// a number and as text (how the decoder and the deploy reader use them).
@testable import CulpritExtract

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRecord(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let line = FuzzedInput(data, count).rest
    guard let fields = JSONRecordParser.parse(line) else { return 0 }
    for (_, value) in fields.entries {
        _ = value.number
        let text = value.text
        if case .number(let number) = value, number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            check(Int64(text) == Int64(number), "number \(number) reads back as text \(text)")
        }
    }
    return 0
}
