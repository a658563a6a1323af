/// gunicorn's two logs with their default formats.
///
/// The error log (`%(asctime)s [%(process)d] [%(levelname)s] %(message)s`, date
/// `[%Y-%m-%d %H:%M:%S %z]`):
///
///     [2025-03-12 01:50:00 +0000] [1] [INFO] Booting worker with pid: 8
///
/// The access log (`%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"`,
/// optionally followed by `%(D)s`, the request time in microseconds):
///
///     10.42.0.17 - - [12/Mar/2025:01:50:00 +0000] "GET /v1/orders HTTP/1.1" 200 512 "-" "python-requests/2.31.0"
enum GunicornLines {
    static func error(time: LogInstant, offset: UTCOffset, pid: Int, level: String, message: String,
                      to buffer: inout LineBuffer) {
        buffer.append(byte: UInt8(ascii: "["))
        buffer.appendISO8601(time, offset: offset, fractionDigits: 0, offsetStyle: .none, separator: UInt8(ascii: " "))
        buffer.append(byte: UInt8(ascii: " "))
        buffer.appendOffsetCompact(offset)
        buffer.append("] [")
        buffer.append(pid)
        buffer.append("] [")
        buffer.append(level)
        buffer.append("] ")
        buffer.append(message)
    }

    static func access(time: LogInstant, offset: UTCOffset, client: String, method: String, path: String, status: Int,
                       bytes: Int, userAgent: String, microseconds: Int?, to buffer: inout LineBuffer) {
        buffer.append(client)
        buffer.append(" - - [")
        buffer.appendNginxTimeLocal(time, offset: offset)
        buffer.append("] \"")
        buffer.append(method)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(path)
        buffer.append(" HTTP/1.1\" ")
        buffer.append(status)
        buffer.append(byte: UInt8(ascii: " "))
        if bytes > 0 { buffer.append(bytes) } else { buffer.append("-") }
        buffer.append(" \"-\" \"")
        buffer.append(userAgent)
        buffer.append(byte: UInt8(ascii: "\""))
        if let microseconds {
            buffer.append(byte: UInt8(ascii: " "))
            buffer.append(microseconds)
        }
    }
}

extension LineBuffer {
    /// `+0100`.
    mutating func appendOffsetCompact(_ offset: UTCOffset) {
        append(byte: offset.seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let minutes = abs(offset.seconds) / 60
        append(minutes / 60, zeroPaddedTo: 2)
        append(minutes % 60, zeroPaddedTo: 2)
    }
}
