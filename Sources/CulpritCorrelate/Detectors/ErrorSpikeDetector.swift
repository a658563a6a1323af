import CulpritModel
import Foundation

/// Finds when a service's errors jumped: a change point in its error rate.
///
/// Method: slide a `spikeWindowMinutes` window over the per-minute series and
/// compare it with the hour before (at least `spikeBaselineMinutes`). Where
/// request lines exist the rate is errors ÷ requests and the expected count is
/// the baseline ratio × the window's requests; otherwise errors per minute. The
/// window is a spike when it holds ≥ `spikeMinimumErrors` errors, ≥
/// `spikeMinimumRatio` × the expected count, and the Poisson tail probability of
/// that many is below `spikePValue`. The onset is the minute of that window from
/// which the errors (to a window past its end) are least like the baseline (the
/// largest Poisson log-likelihood ratio), not the window's first error: a window
/// passes the test minutes before the jump, and a baseline error in its first
/// minutes is no part of the spike. The spike ends at the first 10 minutes whose
/// rate is back under twice the baseline. Baselines use +0.5 smoothing so a
/// silent baseline is not "infinitely" exceeded by one error.
package struct ErrorSpikeDetector: Detector {
    package var options: DetectionOptions

    package init(options: DetectionOptions) { self.options = options }

    /// The service's error spikes (changes play no part).
    package func detect(in service: ServiceActivity, changes: [ChangeMarker]) -> [Anomaly] { detect(in: service) }

    package func detect(in service: ServiceActivity) -> [Anomaly] {
        guard let series = RateSeries(service) else { return [] }
        let window = options.spikeWindowMinutes
        var anomalies = [Anomaly]()
        var index = options.spikeBaselineMinutes
        var baselineStart = 0
        if let leading = leadingSpike(in: series, service: service.name) {
            anomalies.append(leading.anomaly)
            guard let end = leading.endIndex else { return anomalies }
            index = end + options.spikeRecoveryMinutes
            baselineStart = end
        }
        while index + 1 < series.count, anomalies.count < 3 {
            let base = series.totals(max(baselineStart, index - options.spikeBaselineHorizonMinutes), index)
            let baseMinutes = Double(index - max(baselineStart, index - options.spikeBaselineHorizonMinutes))
            let now = series.totals(index, index + window)
            guard now.errors >= options.spikeMinimumErrors, baseMinutes >= Double(options.spikeBaselineMinutes) else { index += 1; continue }
            let usesRequests = now.requests >= 10 && base.requests >= 10
            let baseRatio = (Double(base.errors) + 0.5) / (Double(usesRequests ? base.requests : Int(baseMinutes)) + 1)
            let expected = baseRatio * Double(usesRequests ? now.requests : min(window, series.count - index))
            let ratio = Double(now.errors) / max(expected, 1e-9)
            guard ratio >= options.spikeMinimumRatio, PoissonTail.upper(now.errors, mean: expected) < options.spikePValue else {
                index += 1
                continue
            }
            let onset = onsetIndex(in: series, window: index, usesRequests: usesRequests, baseRatio: baseRatio)
            let endIndex = recovery(in: series, from: onset + window, usesRequests: usesRequests, baseRatio: baseRatio)
            anomalies.append(anomaly(service: service.name, series: series, onset: onset, end: endIndex, usesRequests: usesRequests,
                                     baseRatio: baseRatio, ratio: ratio))
            guard let endIndex else { break }
            index = endIndex + options.spikeRecoveryMinutes
            baselineStart = endIndex
        }
        return anomalies
    }

    /// The minute of the window beginning at `start` where the errors jumped: the
    /// start of the stretch most unlike the baseline (see the type's comment).
    func onsetIndex(in series: RateSeries, window start: Int, usesRequests: Bool, baseRatio: Double) -> Int {
        let window = options.spikeWindowMinutes
        let end = min(series.count, start + 2 * window)
        var best = start
        var bestScore = -Double.infinity
        for minute in start..<min(start + window, series.count) {
            let after = series.totals(minute, end)
            let expected = max(baseRatio * Double(usesRequests ? after.requests : end - minute), 1e-9)
            let observed = Double(after.errors)
            guard observed > expected else { continue }
            let score = observed * log(observed / expected) - (observed - expected)
            if score > bestScore {
                bestScore = score
                best = minute
            }
        }
        while best < min(start + window, series.count) - 1, series.errors[best] == 0 { best += 1 }
        return best
    }

    /// The first minute from `start` after which `recoveryMinutes` stay under twice the baseline rate.
    private func recovery(in series: RateSeries, from start: Int, usesRequests: Bool, baseRatio: Double) -> Int? {
        var probe = start
        while probe + options.spikeRecoveryMinutes <= series.count {
            let after = series.totals(probe, probe + options.spikeRecoveryMinutes)
            let allowed = usesRequests ? max(2 * baseRatio * Double(after.requests), 1) : max(2 * baseRatio * Double(options.spikeRecoveryMinutes), 1)
            if Double(after.errors) <= allowed { return probe }
            probe += 1
        }
        return nil
    }

    /// Errors already high in the first window, judged against the rest of the
    /// logs as baseline (same thresholds): a spike the logs begin in the middle of.
    private func leadingSpike(in series: RateSeries, service: String) -> (anomaly: Anomaly, endIndex: Int?)? {
        let window = options.spikeWindowMinutes
        guard series.count >= window + options.spikeRecoveryMinutes + options.spikeBaselineMinutes else { return nil }
        let first = series.totals(0, window)
        let rest = series.totals(window, series.count)
        guard first.errors >= options.spikeMinimumErrors else { return nil }
        let usesRequests = first.requests >= 10 && rest.requests >= 10
        let baseRatio = (Double(rest.errors) + 0.5) / (Double(usesRequests ? rest.requests : series.count - window) + 1)
        let expected = baseRatio * Double(usesRequests ? first.requests : window)
        let ratio = Double(first.errors) / max(expected, 1e-9)
        guard ratio >= options.spikeMinimumRatio, PoissonTail.upper(first.errors, mean: expected) < options.spikePValue else { return nil }
        var endIndex = recovery(in: series, from: window, usesRequests: usesRequests, baseRatio: baseRatio)
        // The spike ends at the last minute with errors before the quiet stretch.
        if var end = endIndex {
            while end > 0, series.errors[end - 1] == 0 || (usesRequests && Double(series.errors[end - 1]) <= 2 * baseRatio * Double(series.requests[end - 1])) { end -= 1 }
            endIndex = max(end, window)
        }
        var result = anomaly(service: service, series: series, onset: 0, end: endIndex, usesRequests: usesRequests, baseRatio: baseRatio, ratio: ratio)
        result.preExisting = true
        result.summary = "errors already high when the logs begin: " + result.summary
        return (result, endIndex)
    }

    private func anomaly(service: String, series: RateSeries, onset: Int, end: Int?, usesRequests: Bool, baseRatio: Double, ratio: Double) -> Anomaly {
        let spikeEnd = end ?? series.count
        let during = series.totals(onset, spikeEnd)
        var evidence = [EvidenceLine]()
        var minute = onset
        while minute < spikeEnd, evidence.count < 3 {
            if let line = series.firstError(at: minute) { evidence.append(line) }
            minute += minute == onset ? 1 : max(1, (spikeEnd - onset) / 4)
        }
        let start = evidence.first?.time ?? series.time(ofIndex: onset)
        let summary: String
        if usesRequests {
            let after = Double(during.errors) / Double(max(during.requests, 1))
            summary = "error rate rose from \(Self.percent(baseRatio)) to \(Self.percent(after)) of \(during.requests / max(spikeEnd - onset, 1)) requests/min"
        } else {
            let perMinute = Double(during.errors) / Double(max(spikeEnd - onset, 1))
            summary = "errors rose from \(Self.rate(baseRatio))/min to \(Self.rate(perMinute))/min"
        }
        return Anomaly(service: service, kind: .errorSpike, start: start, end: end.map { series.time(ofIndex: $0) },
                       summary: summary + (end == nil ? " and stayed high" : ""), evidence: evidence, magnitude: ratio)
    }

    static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        return value < 1 ? String(format1: value) + "%" : ValueFormatting.integerText(value.rounded()) + "%"
    }

    static func rate(_ value: Double) -> String { value < 10 ? String(format1: value) : ValueFormatting.integerText(value.rounded()) }
}

extension String {
    /// One decimal place, without Foundation formatting.
    init(format1 value: Double) {
        let rounded = (value * 10).rounded() / 10
        self = rounded == rounded.rounded() ? ValueFormatting.integerText(rounded) : String(rounded)
    }
}
