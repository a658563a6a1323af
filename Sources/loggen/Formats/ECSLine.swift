/// An Elastic Common Schema JSON line as the ecs-logging libraries write it,
/// dotted keys at the top level:
///
///     {"@timestamp":"2025-04-08T10:06:02.118Z","log.level":"info","message":"Starting search v7.3.0","ecs.version":"1.6.0","service.name":"search","service.version":"7.3.0",…}
///
/// `service.version` is on every line; only a line that says the service is
/// starting is a `start` event.
struct ECSLine {
    var time: LogInstant
    var level: String
    var message: String
    var serviceName: String
    var serviceVersion: String
    var hostname: String

    /// Writes the line; `fields` appends extra pairs at the end.
    func write(to buffer: inout LineBuffer, fields: (inout LineBuffer) -> Void = { _ in }) {
        buffer.append("{\"@timestamp\":\"")
        buffer.appendISO8601(time, offset: .utc, fractionDigits: 3, offsetStyle: .zulu)
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendJSONField("log.level", level)
        buffer.appendJSONField("message", message)
        buffer.appendJSONField("ecs.version", "1.6.0")
        buffer.appendJSONField("service.name", serviceName)
        buffer.appendJSONField("service.version", serviceVersion)
        buffer.appendJSONField("host.hostname", hostname)
        fields(&buffer)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
