/// How an event's time was known.
///
/// - `exact`: the record's own line carries it.
/// - `estimated`: the record has none; it takes the time of the nearest dated
///   line before it in the same input (a stack trace's header, the line before a
///   crash dump), so it happened no earlier than that.
/// - `unknown`: nothing before it in its input is dated (a `dmesg` uptime stamp,
///   a JVM uptime decoration, a crash dump on its own): the event is real
///   evidence, but no time can be put on it.
public enum TimeQuality: String, Sendable, Codable {
    case exact, estimated, unknown
}
