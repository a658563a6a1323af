/// One fuzzer input, split the way the targets use it: its first bytes choose
/// options (an envelope, a zone, where to cut), the rest is the subject under
/// test. Choices read past the end are 0, so every input, even an empty one, is
/// valid.
///
/// A choice byte reads as a digit, `0` the first option and `1` the second (any
/// other byte wraps around), so hand-written seeds stay text: `00{"level":30}`.
struct FuzzedInput {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
    }

    /// The next byte, 0 once the input is used up.
    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// One of `options`, chosen by the next byte read as a digit.
    mutating func choice<T>(of options: [T]) -> T {
        options[Int(byte() &- UInt8(ascii: "0")) % options.count]
    }

    /// The bytes not yet taken as choices.
    var rest: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[min(position, bytes.count)...])
    }
}
