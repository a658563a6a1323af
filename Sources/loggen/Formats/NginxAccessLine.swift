/// nginx's `combined` access log format with `$request_time` appended, the most
/// common custom addition:
///
///     203.0.113.9 - - [12/Mar/2025:03:15:02 +0100] "GET /api/v1/me HTTP/1.1" 503 197 "-" "okhttp/4.12.0" 0.004
///
/// `$time_local` carries its offset. One line is one `http` event, whatever the status.
struct NginxAccessLine {
    var client: String
    var time: LogInstant
    var offset: UTCOffset
    var method: String
    var target: String
    var status: Int
    var bodyBytes: Int
    var referer: String = "-"
    var userAgent: String
    /// `$request_time`, seconds with millisecond resolution.
    var requestTime: Double

    func write(to buffer: inout LineBuffer) {
        buffer.append(client)
        buffer.append(" - - [")
        buffer.appendNginxTimeLocal(time, offset: offset)
        buffer.append("] \"")
        buffer.append(method)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(target)
        buffer.append(" HTTP/1.1\" ")
        buffer.append(status)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(bodyBytes)
        buffer.append(" \"")
        buffer.append(referer)
        buffer.append("\" \"")
        buffer.append(userAgent)
        buffer.append("\" ")
        buffer.append(requestTime, places: 3)
    }
}
