/// A service's per-minute figures laid out densely (missing minutes are zero),
/// with running sums so any window's totals cost O(1).
struct RateSeries {
    let firstMinute: Int64
    let errors: [Int]
    let requests: [Int]
    let stats: [MinuteStats?]
    /// Errors are 5xx responses (true) or error records (false).
    let countsResponses: Bool
    private let errorSums: [Int]
    private let requestSums: [Int]

    /// The longest span laid out densely (≈ 139 days); longer spans are clipped to their last part.
    static let maximumMinutes: Int64 = 200_000

    /// `activeFrom` (µs) is when the service's logs begin: minutes before its first
    /// error or request still count as a quiet baseline.
    init?(_ minutes: [Int64: MinuteStats], activeFrom: Int64? = nil, activeUntil: Int64? = nil) {
        guard var last = minutes.keys.max(), var first = minutes.keys.min() else { return nil }
        if let activeFrom { first = min(first, activeFrom / 60_000_000) }
        if let activeUntil { last = max(last, activeUntil / 60_000_000) }
        first = max(first, last - Self.maximumMinutes)
        let count = Int(last - first + 1)
        var errors = [Int](repeating: 0, count: count)
        var requests = [Int](repeating: 0, count: count)
        var stats = [MinuteStats?](repeating: nil, count: count)
        // Where request lines exist the rate is 5xx ÷ requests; elsewhere error records per minute.
        let hasRequests = minutes.values.contains { $0.requests > 0 }
        for (minute, value) in minutes where minute >= first {
            let index = Int(minute - first)
            errors[index] = hasRequests ? value.serverErrors : value.errorRecords
            requests[index] = value.requests
            stats[index] = value
        }
        var errorSums = [0], requestSums = [0]
        errorSums.reserveCapacity(count + 1); requestSums.reserveCapacity(count + 1)
        for index in 0..<count {
            errorSums.append(errorSums[index] + errors[index])
            requestSums.append(requestSums[index] + requests[index])
        }
        firstMinute = first
        countsResponses = hasRequests
        self.errors = errors
        self.requests = requests
        self.stats = stats
        self.errorSums = errorSums
        self.requestSums = requestSums
    }

    var count: Int { errors.count }

    /// The evidence line of a minute's errors.
    func firstError(at index: Int) -> EvidenceLine? {
        countsResponses ? stats[index]?.firstServerError : stats[index]?.firstError
    }

    /// Errors and requests in minutes [from, to).
    func totals(_ from: Int, _ to: Int) -> (errors: Int, requests: Int) {
        let a = max(0, min(from, count)), b = max(a, min(to, count))
        return (errorSums[b] - errorSums[a], requestSums[b] - requestSums[a])
    }

    func time(ofIndex index: Int) -> Int64 { (firstMinute + Int64(index)) * 60_000_000 }
}
