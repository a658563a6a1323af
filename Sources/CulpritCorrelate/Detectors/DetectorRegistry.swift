import CulpritModel

/// The detectors every analysis runs, in the order their anomalies are listed
/// before the findings sort them by start: the one place a detector is added.
package enum DetectorRegistry {
    /// Every detector, with the thresholds `options`.
    package static func detectors(_ options: DetectionOptions) -> [any Detector] {
        [
            MemoryGrowthDetector(options: options),
            ErrorSpikeDetector(options: options),
            LatencySpikeDetector(options: options),
            EventClusterDetector(options: options),
        ]
    }
}
