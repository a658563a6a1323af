/// Thresholds of the anomaly detectors; every one is a command-line option.
public struct DetectionOptions: Sendable {
    /// Memory: a segment needs this many per-minute samples after the onset.
    public var leakMinimumSamples = 8
    /// Memory: Mann–Kendall one-sided p-value below which growth is a trend.
    public var leakPValue = 0.01
    /// Memory: growth over the segment must be at least this fraction of its starting level.
    public var leakMinimumRelativeGrowth = 0.10
    /// Memory: and at least this many bytes per minute.
    public var leakMinimumBytesPerMinute = 256.0 * 1024
    /// Errors and latency: minutes in the detection window.
    public var spikeWindowMinutes = 5
    /// Errors: baseline minutes needed before a spike can be judged.
    public var spikeBaselineMinutes = 3
    /// Errors: Poisson tail probability below which the window is a spike.
    public var spikePValue = 1e-4
    /// Errors: window rate must be at least this multiple of the baseline rate.
    public var spikeMinimumRatio = 4.0
    /// Errors: and at least this many errors in the window.
    public var spikeMinimumErrors = 5
    /// Latency: window median must be at least this multiple of the baseline median…
    public var latencyMinimumRatio = 3.0
    /// … and at least this many seconds above it.
    public var latencyMinimumIncrease = 0.2
    /// Restarts: this many within `restartLoopMinutes` is a crash loop.
    public var restartLoopCount = 3
    /// Restarts: the span, in minutes, those `restartLoopCount` restarts must fall within.
    public var restartLoopMinutes = 15

    /// The default thresholds.
    public init() {}
}
