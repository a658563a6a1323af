import CulpritModel

/// Finds memory that keeps growing: a leak.
///
/// Per instance, the per-minute memory floor is split into segments at restarts
/// (logged, or a drop of more than `memoryResetDrop`). In each segment a hinge fit
/// (`HingeFit`) finds when growth began; the part after it is a leak when its
/// Theil–Sen slope is at least `leakMinimumBytesPerMinute`, Mann–Kendall gives
/// p < `leakPValue` (at least `leakMinimumSamples` samples), and it grew by at
/// least `leakMinimumRelativeGrowth` of its starting level. Two or more growing
/// segments separated by resets are the sawtooth of a leak that restarts only
/// postpone. Growth from the very first sample is marked pre-existing.
package struct MemoryGrowthDetector: Detector {
    package var options: DetectionOptions

    package init(options: DetectionOptions) { self.options = options }

    /// Instances growing at least this fraction of the fastest one's slope grow alike.
    static let comparableSlope = 0.5

    struct SegmentGrowth {
        var onsetIndex: Int
        var samples: [MemorySeries.Sample]
        var slope: Double
        var slopeBefore: Double?
        var pValue: Double
    }

    /// The leak of the instance that began growing first, of those growing at least
    /// half as fast as the fastest (else the fastest's), cut into segments at
    /// `changes` other than config changes: when an old instance already grew from
    /// the first line, the same growth in the instance a deploy started is no new leak.
    package func detect(in service: ServiceActivity, changes: [ChangeMarker]) -> [Anomaly] {
        detect(in: service, restartTimes: changes.filter { $0.kind != .config }.map(\.time))
    }

    package func detect(in service: ServiceActivity, restartTimes: [Int64]) -> [Anomaly] {
        var found = [(anomaly: Anomaly, growth: MemoryGrowth)]()
        for series in service.memory.values.sorted(by: { $0.instance < $1.instance }) {
            if let growth = detect(series, service: service.name, restartTimes: restartTimes, serviceStart: service.firstTime) { found.append(growth) }
        }
        let growingInstances = found.count
        guard let fastest = found.map(\.growth.bytesPerMinute).max() else { return [] }
        let comparable = found.filter { $0.growth.bytesPerMinute >= fastest * Self.comparableSlope }
        guard var result = comparable.min(by: { ($0.anomaly.start, -$0.growth.bytesPerMinute) < ($1.anomaly.start, -$1.growth.bytesPerMinute) })?.anomaly else { return [] }
        if growingInstances > 1, service.memory.count > 1 {
            result.summary += " (\(growingInstances) of \(service.memory.count) instances grow)"
        }
        return [result]
    }

    func detect(_ series: MemorySeries, service: String, restartTimes: [Int64], serviceStart: Int64?) -> (anomaly: Anomaly, growth: MemoryGrowth)? {
        let samples = series.samples
        guard samples.count >= options.leakMinimumSamples else { return nil }
        let restartMinutes = Set(restartTimes.map { $0 / 60_000_000 }).union(series.restarts)
        var segments = [[MemorySeries.Sample]]()
        var current = [MemorySeries.Sample]()
        for sample in samples {
            if let previous = current.last {
                let restarted = restartMinutes.contains { $0 > previous.minute && $0 <= sample.minute }
                let dropped = sample.bytes < previous.bytes * (1 - options.memoryResetDrop)
                if restarted || dropped {
                    segments.append(current)
                    current = []
                }
            }
            current.append(sample)
        }
        segments.append(current)

        var growths = [(segmentIndex: Int, growth: SegmentGrowth)]()
        for (index, segment) in segments.enumerated() {
            guard var growth = growth(in: segment) else { continue }
            // Growth from the first sample after a restart or deploy: compare with the segment before.
            if growth.onsetIndex == 0, index > 0, segments[index - 1].count >= 4 {
                let previous = segments[index - 1]
                growth.slopeBefore = TheilSen.slope(x: previous.map { Double($0.minute) }, y: previous.map(\.bytes))
            }
            growths.append((index, growth))
        }
        guard let first = growths.first else { return nil }
        let last = growths.last!
        let onsetSample = first.growth.samples[first.growth.onsetIndex]
        let lastSample = last.growth.samples.last!
        let seriesStart = segments[0][0].evidence.time ?? segments[0][0].minute * 60_000_000
        let fromTheStart = seriesStart <= (serviceStart ?? seriesStart) + options.memoryPreExistingSlack
        // Growing from the first line, or growing before the restart that began the first growth
        // nearly as fast as after it (the same leak in a new process): already there.
        let continuesEarlier = first.segmentIndex > 0 && first.growth.onsetIndex == 0
            && (first.growth.slopeBefore ?? 0) >= first.growth.slope * options.memoryContinuedRatio
        let preExisting = fromTheStart && ((first.segmentIndex == 0 && first.growth.onsetIndex == 0) || continuesEarlier)
        let laterFlat = last.segmentIndex < segments.count - 1
        let endTime: Int64? = laterFlat ? segments[last.segmentIndex + 1].first?.evidence.time : nil
        let resets = growths.dropFirst().compactMap { segments[$0.segmentIndex].first?.evidence.time }
        let slope = first.growth.slope
        let limit = series.limit
        var minutesToLimit: Double?
        if let limit, slope > 0, limit > lastSample.bytes, endTime == nil {
            minutesToLimit = (limit - lastSample.bytes) / slope
        }
        let growth = MemoryGrowth(
            instance: series.instance, bytesPerMinute: slope, bytesPerMinuteBefore: first.growth.slopeBefore,
            startBytes: onsetSample.bytes, endBytes: first.growth.samples.last!.bytes, limitBytes: limit,
            minutesToLimit: minutesToLimit, pValue: first.growth.pValue, growingSegments: growths.count, resets: resets
        )
        var summary = "memory grew \(ValueFormatting.bytes(slope))/min"
        if preExisting {
            summary += ", already growing when the logs begin"
        } else if let before = first.growth.slopeBefore {
            summary += abs(before) < slope * options.memoryFlatBeforeRatio ? " (flat before)" : " (\(ValueFormatting.bytes(before))/min before)"
        }
        summary += ": \(ValueFormatting.bytes(onsetSample.bytes)) → \(ValueFormatting.bytes(growth.endBytes))"
        if let minutesToLimit { summary += "; limit \(ValueFormatting.bytes(limit!)) in ~\(ValueFormatting.integerText(minutesToLimit.rounded())) min" }
        if growths.count > 1 { summary += "; after \(growths.count - 1) restart\(growths.count > 2 ? "s" : "") it grew again (sawtooth)" }
        if laterFlat { summary += "; growth stopped" }

        var evidence = [onsetSample.evidence]
        let growing = first.growth.samples[first.growth.onsetIndex...]
        if growing.count > 2 { evidence.append(growing[growing.startIndex + growing.count / 2].evidence) }
        evidence.append(growing.last!.evidence)
        for (segmentIndex, _) in growths.dropFirst() {
            if let resetSample = segments[segmentIndex].first { evidence.append(resetSample.evidence) }
        }
        if growths.count > 1 { evidence.append(lastSample.evidence) }
        let anomaly = Anomaly(
            service: service, kind: .memoryGrowth, start: onsetSample.evidence.time ?? onsetSample.minute * 60_000_000,
            end: endTime, summary: summary, evidence: evidence, preExisting: preExisting, magnitude: slope, growth: growth
        )
        return (anomaly, growth)
    }

    func growth(in segment: [MemorySeries.Sample]) -> SegmentGrowth? {
        guard segment.count >= options.leakMinimumSamples else { return nil }
        let x = segment.map { Double($0.minute - segment[0].minute) }
        let y = segment.map(\.bytes)
        var onsetIndex = 0
        if let hinge = HingeFit.fit(x: x, y: y), hinge.slope > 0 {
            onsetIndex = x.firstIndex { $0 >= hinge.onset } ?? 0
            // A hinge at the very start, or leaving too few samples after it, is growth from the start.
            if onsetIndex < 2 || segment.count - onsetIndex < options.leakMinimumSamples { onsetIndex = 0 }
        }
        let afterX = Array(x[onsetIndex...])
        let afterY = Array(y[onsetIndex...])
        guard let slope = TheilSen.slope(x: afterX, y: afterY), slope >= options.leakMinimumBytesPerMinute else { return nil }
        let pValue = MannKendall.upwardTrendPValue(afterY)
        guard pValue < options.leakPValue else { return nil }
        let span = (afterX.last ?? 0) - (afterX.first ?? 0)
        let startLevel = Median.of(Array(afterY.prefix(3))) ?? afterY[0]
        guard startLevel > 0, slope * span / startLevel >= options.leakMinimumRelativeGrowth else { return nil }
        let slopeBefore = onsetIndex >= 4 ? TheilSen.slope(x: Array(x[..<onsetIndex]), y: Array(y[..<onsetIndex])) : nil
        return SegmentGrowth(onsetIndex: onsetIndex, samples: segment, slope: slope, slopeBefore: slopeBefore, pValue: pValue)
    }
}
