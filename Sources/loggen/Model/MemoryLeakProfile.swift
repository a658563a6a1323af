/// A service's memory over time: a flat or leaking line per process lifetime,
/// a garbage-collection sawtooth on top, and gaussian noise.
///
/// Each `Phase` starts at a restart (or at the first line of the logs) with a
/// level and a slope; a leak is a phase with a positive slope, a restart or a
/// rollback starts a new phase from a lower level. The sawtooth rises by
/// `sawtoothMB` over `sawtoothPeriod` seconds and drops back, as heap use does
/// between collections.
struct MemoryLeakProfile: Sendable {
    /// One process lifetime (or one regime of it).
    struct Phase: Sendable {
        var start: LogInstant
        /// Level at `start`, before sawtooth and noise.
        var baseMB: Double
        /// Growth in MB per minute; 0 for a healthy service.
        var slopeMBPerMinute: Double
    }

    var phases: [Phase]
    var noiseMB: Double
    var sawtoothMB: Double
    var sawtoothPeriod: Double

    /// The trend at `time`: the level of the phase in force, without noise.
    func trendMB(at time: LogInstant) -> Double {
        let phase = phases.last { $0.start <= time } ?? phases[0]
        return phase.baseMB + phase.slopeMBPerMinute * max(0, time.minutes(since: phase.start))
    }

    /// A sampled reading at `time`: trend, sawtooth and noise.
    func sampleMB(at time: LogInstant, using random: inout SplitMix64) -> Double {
        let phase = phases.last { $0.start <= time } ?? phases[0]
        let elapsed = max(0, time.seconds(since: phase.start))
        let cycle = elapsed / sawtoothPeriod
        let sawtooth = sawtoothMB * (cycle - cycle.rounded(.down))
        return trendMB(at: time) + sawtooth + noiseMB * random.gaussian()
    }
}
