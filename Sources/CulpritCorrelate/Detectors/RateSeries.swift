import CulpritModel

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

    /// The series spans from the service's first line to its last: minutes before
    /// its first error or request still count as a quiet baseline.
    init?(_ service: ServiceActivity) {
        let minutes = service.minutes
        let countsResponses = service.logsRequests
        guard var last = minutes.keys.max(), var first = minutes.keys.min() else { return nil }
        if let activeFrom = service.firstTime { first = min(first, activeFrom / 60_000_000) }
        if let activeUntil = service.lastTime { last = max(last, activeUntil / 60_000_000) }
        first = max(first, last - Self.maximumMinutes)
        let count = Int(last - first + 1)
        var errors = [Int](repeating: 0, count: count)
        var requests = [Int](repeating: 0, count: count)
        var stats = [MinuteStats?](repeating: nil, count: count)
        for (minute, value) in minutes where minute >= first {
            let index = Int(minute - first)
            errors[index] = value.errors(countingResponses: countsResponses)
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
        self.countsResponses = countsResponses
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
