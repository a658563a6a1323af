/// What can go wrong talking to ClickHouse, in one line each.
public enum ClickHouseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The `clickhouse://` address could not be read.
    case badAddress(String, reason: String)
    /// The server could not be reached or the connection broke.
    case unreachable(String, reason: String)
    /// The server answered with an error (its status and first line).
    case server(String, status: Int, message: String)
    /// No answer within the time allowed.
    case timedOut(String, seconds: Double)
    /// The answer did not have the shape the query asks for.
    case malformedAnswer(String, reason: String)

    public var description: String {
        switch self {
        case .badAddress(let address, let reason): return "\(address): \(reason)"
        case .unreachable(let endpoint, let reason): return "ClickHouse at \(endpoint) cannot be reached: \(reason)"
        case .server(let endpoint, let status, let message): return "ClickHouse at \(endpoint) answered \(status): \(message)"
        case .timedOut(let endpoint, let seconds): return "ClickHouse at \(endpoint) did not answer within \(Self.format(seconds)) s"
        case .malformedAnswer(let endpoint, let reason): return "ClickHouse at \(endpoint) sent an answer culprit cannot read: \(reason)"
        }
    }

    /// Whether trying again may succeed: a broken connection, a time-out, or a
    /// server-side failure (5xx) rather than a rejected query (4xx).
    public var isTransient: Bool {
        switch self {
        case .unreachable, .timedOut: return true
        case .server(_, let status, _): return status >= 500
        case .badAddress, .malformedAnswer: return false
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
