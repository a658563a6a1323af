/// A line of nginx's `error_log`, local time without an offset:
///
///     2025/03/12 03:15:04 [error] 31#31: *48213 no live upstreams while connecting to upstream, client: 203.0.113.9, server: api.example.com, request: "POST /oauth/token HTTP/1.1", upstream: "http://auth_backend/oauth/token", host: "api.example.com"
///
/// `[error]` and more severe levels are `error` events; `[warn]` and `[notice]` are not.
struct NginxErrorLine {
    var time: LogInstant
    var offset: UTCOffset
    var level: String
    var workerPID: Int
    var connection: Int
    var message: String
    var client: String
    var server: String
    var request: String
    var upstream: String?
    var host: String

    func write(to buffer: inout LineBuffer) {
        buffer.appendNginxErrorTime(time, offset: offset)
        buffer.append(" [")
        buffer.append(level)
        buffer.append("] ")
        buffer.append(workerPID)
        buffer.append(byte: UInt8(ascii: "#"))
        buffer.append(workerPID)
        buffer.append(": *")
        buffer.append(connection)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(message)
        buffer.append(", client: ")
        buffer.append(client)
        buffer.append(", server: ")
        buffer.append(server)
        buffer.append(", request: \"")
        buffer.append(request)
        buffer.append(byte: UInt8(ascii: "\""))
        if let upstream {
            buffer.append(", upstream: \"")
            buffer.append(upstream)
            buffer.append(byte: UInt8(ascii: "\""))
        }
        buffer.append(", host: \"")
        buffer.append(host)
        buffer.append(byte: UInt8(ascii: "\""))
    }
}
