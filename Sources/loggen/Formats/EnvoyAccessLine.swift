/// Envoy's default access log format:
/// `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`:
///
///     [2025-06-03T14:05:02.123Z] "POST /v1/charges HTTP/1.1" 500 - 312 87 96 95 "203.0.113.7" "okhttp/4.12.0" "6b1a2f3e-…" "api.example.com" "10.42.3.17:8000"
///
/// One line is one `http` event.
struct EnvoyAccessLine {
    var time: LogInstant
    var method: String
    var path: String
    var status: Int
    var bytesReceived: Int
    var bytesSent: Int
    var durationMilliseconds: Int
    var forwardedFor: String
    var userAgent: String
    var requestID: String
    var authority: String
    var upstreamHost: String

    func write(to buffer: inout LineBuffer) {
        buffer.append(byte: UInt8(ascii: "["))
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 3, offsetStyle: .zulu)
        buffer.append("] \"")
        buffer.append(method)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(path)
        buffer.append(" HTTP/1.1\" ")
        buffer.append(status)
        buffer.append(" - ")
        buffer.append(bytesReceived)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(bytesSent)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(durationMilliseconds)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(max(0, durationMilliseconds - 1))
        for field in [forwardedFor, userAgent, requestID, authority, upstreamHost] {
            buffer.append(" \"")
            buffer.append(field)
            buffer.append(byte: UInt8(ascii: "\""))
        }
    }
}
