extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes start with `prefix`, compared in place (no text is built).
    @inline(__always)
    func hasBytePrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard self.count >= count else { return false }
        let bytes = prefix.utf8Start
        for index in 0..<count where self[index] != bytes[index] { return false }
        return true
    }
}
