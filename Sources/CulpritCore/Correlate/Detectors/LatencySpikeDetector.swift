/// Finds when a service became slow: request durations and slow-query lines.
///
/// Method: the per-minute mean latency of the minutes that have samples; a
/// window of `spikeWindowMinutes` is a spike when its median is at least
/// `latencyMinimumRatio` × the median of the hour before (≥ 5 minutes with
/// samples) and at least `latencyMinimumIncrease` seconds above it. Services
/// that log only slow requests show it as a rate instead: a window with ≥
/// `spikeMinimumErrors` slow lines at ≥ `spikeMinimumRatio` × the baseline rate.
public struct LatencySpikeDetector {
    public var options: DetectionOptions

    public init(options: DetectionOptions) { self.options = options }

    public func detect(in service: ServiceActivity) -> [Anomaly] {
        let minutes = service.minutes.filter { $0.value.latencyCount > 0 }.sorted { $0.key < $1.key }
        guard minutes.count >= 6 else { return [] }
        let window = Int64(options.spikeWindowMinutes)
        for (position, entry) in minutes.enumerated() {
            let baseline = minutes[..<position].filter { $0.key >= entry.key - 60 }
            guard baseline.count >= 5 else { continue }
            let current = minutes[position...].prefix { $0.key < entry.key + window }
            guard current.count >= 2 else { continue }
            guard let before = Median.of(baseline.map { $0.value.meanLatency ?? 0 }),
                  let now = Median.of(current.map { $0.value.meanLatency ?? 0 }) else { continue }
            let slower = now >= before * options.latencyMinimumRatio && now - before >= options.latencyMinimumIncrease
            let baseRate = Double(baseline.reduce(0) { $0 + $1.value.latencyCount }) / 60
            let nowCount = current.reduce(0) { $0 + $1.value.latencyCount }
            let moreSlowLines = nowCount >= options.spikeMinimumErrors && now >= 1.0
                && Double(nowCount) >= options.spikeMinimumRatio * max(baseRate * Double(window), 0.5)
            guard slower || moreSlowLines else { continue }
            let recovery = minutes[position...].first { candidate in
                candidate.key > entry.key + window && (candidate.value.meanLatency ?? 0) < before * 1.5
                    && minutes.filter { $0.key >= candidate.key && $0.key < candidate.key + 10 }.allSatisfy { ($0.value.meanLatency ?? 0) < before * 1.5 }
            }
            let evidence = current.compactMap(\.value.slowest).prefix(3)
            let summary = "latency rose from \(ValueFormatting.seconds(before)) to \(ValueFormatting.seconds(now)) (median per minute)"
                + (recovery == nil ? " and stayed high" : "")
            return [Anomaly(service: service.name, kind: .latencySpike, start: evidence.first?.time ?? entry.key * 60_000_000,
                            end: recovery.map { $0.key * 60_000_000 }, summary: summary, evidence: Array(evidence),
                            magnitude: now / max(before, 1e-6))]
        }
        return []
    }
}
