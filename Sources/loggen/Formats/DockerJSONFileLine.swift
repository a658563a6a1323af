/// A line of Docker's `json-file` logging driver
/// (`/var/lib/docker/containers/<id>/<id>-json.log`): the container's line with
/// its newline, the stream, and the time the daemon read it (RFC 3339 UTC, nanoseconds):
///
///     {"log":"2025/03/12 01:50:00 [error] 31#31: …\n","stream":"stderr","time":"2025-03-12T01:50:00.123456789Z"}
enum DockerJSONFileLine {
    static func write(_ line: [UInt8], stream: String, time: LogInstant, to buffer: inout LineBuffer) {
        buffer.append("{\"log\":")
        buffer.appendJSONString(String(decoding: line, as: UTF8.self) + "\n")
        buffer.appendJSONField("stream", stream)
        buffer.appendJSONKey("time")
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 9, offsetStyle: .zulu)
        buffer.append("\"}")
    }
}
