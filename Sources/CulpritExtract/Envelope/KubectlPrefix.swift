/// The prefix `kubectl logs --prefix` puts before each line, `[pod/NAME/CONTAINER] `
/// (kubectl prints the container empty when it cannot tell it). With
/// `--all-containers` every container of a pod has its own prefix, so a sidecar's
/// lines keep their own service.
package struct KubectlPrefix {
    var pod: Range<Int>
    var container: Range<Int>
    var messageStart: Int

    /// Names are DNS labels: at most 253 bytes, so a prefix ends within this many.
    static let maxLength = 520

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> KubectlPrefix? {
        guard b.count >= 8, b[0] == UInt8(ascii: "["), b[1] == UInt8(ascii: "p"), b[2] == UInt8(ascii: "o"),
              b[3] == UInt8(ascii: "d"), b[4] == UInt8(ascii: "/") else { return nil }
        let limit = min(b.count, maxLength)
        var index = 5
        while index < limit, isNameByte(b[index]) { index += 1 }
        let pod = 5..<index
        guard !pod.isEmpty, index < limit, b[index] == UInt8(ascii: "/") else { return nil }
        index += 1
        let containerStart = index
        while index < limit, isNameByte(b[index]) { index += 1 }
        let container = containerStart..<index
        guard index + 1 < b.count, b[index] == UInt8(ascii: "]"), b[index + 1] == 0x20 else { return nil }
        return KubectlPrefix(pod: pod, container: container, messageStart: index + 2)
    }

    /// Where the message starts, without naming anything (what continuation rules need, for every line).
    package static func messageStart(of b: UnsafeBufferPointer<UInt8>) -> Int? { parse(b)?.messageStart }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte &- 97 < 26 || byte &- 48 < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte &- 65 < 26 || byte == UInt8(ascii: "_")
    }
}
