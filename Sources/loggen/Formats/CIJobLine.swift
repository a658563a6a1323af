/// A line of a GitHub Actions job log as downloaded: every output line prefixed
/// with its RFC 3339 UTC time to 100 ns:
///
///     2025-06-03T14:02:11.5012345Z Release "payments" has been upgraded. Happy Helming!
struct CIJobLine {
    var time: LogInstant
    var text: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 7, offsetStyle: .zulu)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(text)
    }
}
