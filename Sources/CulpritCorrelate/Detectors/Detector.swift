import CulpritModel

/// One way of finding trouble in a service's logs: it reads the service's
/// aggregated activity and returns anomalies (kinds, times, figures and the
/// lines that show them). A new detector conforms to this and is listed in
/// `DetectorRegistry`; its thresholds go in `ScoringModel.Detection`.
package protocol Detector: Sendable {
    /// The anomalies in `service`'s activity; `changes` are that service's own
    /// changes (records and inferred), oldest first.
    func detect(in service: ServiceActivity, changes: [ChangeMarker]) -> [Anomaly]
}
