import Foundation

/// How often and how patiently a failed call to ClickHouse is tried again:
/// exponential backoff from `firstDelay`, doubling up to `maxDelay`, with
/// up to a quarter of jitter, for at most `attempts` tries in all.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var attempts: Int
    /// The wait before the second try, in seconds.
    public var firstDelay: Double
    /// The longest wait between two tries, in seconds.
    public var maxDelay: Double

    /// Eight tries over about a minute: 0.5 s, 1 s, 2 s, … up to 16 s between them.
    public init(attempts: Int = 8, firstDelay: Double = 0.5, maxDelay: Double = 16) {
        self.attempts = max(1, attempts)
        self.firstDelay = max(0, firstDelay)
        self.maxDelay = max(self.firstDelay, maxDelay)
    }

    /// The wait before try `attempt` (2 is the first retry), in seconds.
    public func delay(beforeAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 2, 30)))
        let base = min(maxDelay, firstDelay * pow(2, exponent))
        return base * (1 + Double.random(in: 0...0.25))
    }

    /// Runs `call` until it succeeds, it fails with an error that is not transient,
    /// or the tries are spent; `onRetry` hears of each failure that will be retried.
    public func run<T>(_ call: () throws(ClickHouseError) -> T,
                       onRetry: (ClickHouseError, Int, Double) -> Void = { _, _, _ in }) throws(ClickHouseError) -> T {
        var attempt = 1
        while true {
            do {
                return try call()
            } catch {
                guard error.isTransient, attempt < attempts else { throw error }
                attempt += 1
                let wait = delay(beforeAttempt: attempt)
                onRetry(error, attempt, wait)
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }
}
