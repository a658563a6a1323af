import CulpritModel

/// Finds when a service became slow: request durations and slow-query lines.
///
/// Method: the per-minute mean latency of the minutes that have samples; a
/// window of `spikeWindowMinutes` is a spike when its median is at least
/// `latencyMinimumRatio` × the median of the hour before (≥ 5 minutes with
/// samples) and at least `latencyMinimumIncrease` seconds above it; its onset is
/// the window's first minute slower than the geometric mean of the two medians
/// (the window's median turns high minutes before its last slow minute). Services
/// that log only slow requests show it as a rate instead: a window with ≥
/// `spikeMinimumErrors` slow lines at ≥ `spikeMinimumRatio` × the baseline rate.
package struct LatencySpikeDetector: Detector {
    package var options: DetectionOptions

    package init(options: DetectionOptions) { self.options = options }

    /// The service's first latency spike (changes play no part).
    package func detect(in service: ServiceActivity, changes: [ChangeMarker]) -> [Anomaly] { detect(in: service) }

    package func detect(in service: ServiceActivity) -> [Anomaly] {
        let minutes = service.minutes.filter { $0.value.latencyCount > 0 }.sorted { $0.key < $1.key }
        guard minutes.count > options.latencyMinimumBaselineMinutes else { return [] }
        let keys = minutes.map(\.key)
        let means = minutes.map { $0.value.meanLatency ?? 0 }
        let counts = minutes.map(\.value.latencyCount)
        let window = Int64(options.spikeWindowMinutes)
        // Two pointers keep the baseline (the hour before) and the window in O(1) each step.
        var baselineStart = 0
        var windowEnd = 0
        for position in keys.indices {
            let key = keys[position]
            while keys[baselineStart] < key - options.latencyBaselineMinutes { baselineStart += 1 }
            windowEnd = max(windowEnd, position)
            while windowEnd < keys.count, keys[windowEnd] < key + window { windowEnd += 1 }
            let baselineCount = position - baselineStart
            guard baselineCount >= options.latencyMinimumBaselineMinutes, windowEnd - position >= 2 else { continue }
            guard let before = Median.of(Array(means[baselineStart..<position])),
                  let now = Median.of(Array(means[position..<windowEnd])) else { continue }
            let slower = now >= before * options.latencyMinimumRatio && now - before >= options.latencyMinimumIncrease
            let baseRate = Double(counts[baselineStart..<position].reduce(0, +)) / 60
            let nowCount = counts[position..<windowEnd].reduce(0, +)
            let moreSlowLines = nowCount >= options.spikeMinimumErrors && now >= options.latencySlowLineSeconds
                && Double(nowCount) >= options.spikeMinimumRatio * max(baseRate * Double(window), 0.5)
            guard slower || moreSlowLines else { continue }
            let recovery = recoveryIndex(after: position, keys: keys, means: means, threshold: before * options.latencyRecoveryRatio, window: window)
            var onset = position
            if slower {
                let midpoint = (before * now).squareRoot()
                while onset < windowEnd - 1, means[onset] < midpoint { onset += 1 }
            }
            let evidence = minutes[onset..<windowEnd].compactMap(\.value.slowest).prefix(3)
            let summary = "latency rose from \(ValueFormatting.seconds(before)) to \(ValueFormatting.seconds(now)) (median per minute)"
                + (recovery == nil ? " and stayed high" : "")
            return [Anomaly(service: service.name, kind: .latencySpike, start: evidence.first?.time ?? keys[onset] * 60_000_000,
                            end: recovery.map { keys[$0] * 60_000_000 }, summary: summary, evidence: Array(evidence),
                            magnitude: now / max(before, 1e-6))]
        }
        return []
    }

    /// The first minute after the spike's window from which `latencyRecoveryMinutes` stay under `threshold`.
    private func recoveryIndex(after position: Int, keys: [Int64], means: [Double], threshold: Double, window: Int64) -> Int? {
        var candidate: Int?
        for index in position..<keys.count where keys[index] > keys[position] + window {
            if means[index] < threshold {
                if candidate == nil { candidate = index }
                if let start = candidate, keys[index] - keys[start] >= options.latencyRecoveryMinutes { return start }
            } else {
                candidate = nil
            }
        }
        return candidate.flatMap { keys.last! - keys[$0] >= options.latencyRecoveryMinutes ? $0 : nil }
    }
}
