/// `journalctl -o short-iso` output: second resolution with a numeric offset:
///
///     2025-05-20T09:30:04+0000 billing-01 billing-api[24817]: Starting billing-api v2.14.0
struct JournaldShortISOLine {
    var time: LogInstant
    var offset: UTCOffset = .utc
    var host: String
    var identifier: String
    var pid: Int?
    var message: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendISO8601(time, offset: offset, fractionDigits: 0, offsetStyle: .compact)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(host)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(identifier)
        if let pid {
            buffer.append(byte: UInt8(ascii: "["))
            buffer.append(pid)
            buffer.append(byte: UInt8(ascii: "]"))
        }
        buffer.append(": ")
        buffer.append(message)
    }
}
