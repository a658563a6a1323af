/// The unit of an event's `value`, normalised: memory in bytes, durations in seconds.
public enum ValueUnit: String, Sendable, Codable {
    case bytes, seconds, count
}
