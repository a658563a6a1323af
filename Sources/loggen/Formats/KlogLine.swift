/// A Kubernetes klog line (glog header, UTC, no year) with a structured message:
///
///     I0520 08:00:12.345678       1 dispatcher.go:88] "Dispatched report job" job="rpt-20250520-0001"
///
/// Severity `E` and `F` are `error` events.
struct KlogLine {
    /// `I`, `W`, `E` or `F`.
    var severity: Character
    var time: LogInstant
    var threadID: Int
    /// `file.go:line`.
    var source: String
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.append(String(severity))
        buffer.appendKlogTime(time)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(threadID, spacePaddedTo: 7)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(source)
        buffer.append("] ")
        buffer.append(message)
    }
}
