import CulpritModel
import CulpritCorrelate

/// When the trouble began and ended, judged by its main symptom: the top
/// suspect's strongest anomaly (else the heaviest kind of anomaly found). The
/// impact is "ongoing at the end of the logs" only when that symptom is; a
/// smaller signal still open then (a latency shift elsewhere) is named apart.
struct ImpactWindow {
    /// The first anomaly's start that was not already under way, microseconds.
    var start: Int64
    /// The last end among the anomalies that ended; nil while the main symptom is still active.
    var end: Int64?
    /// The symptom the impact is judged by.
    var mainSymptom: Anomaly
    /// Anomalies still active at the end of the logs, the main symptom aside.
    var stillOpen: [Anomaly]

    init?(_ findings: Findings) {
        let anomalies = findings.anomalies.filter { !$0.preExisting }
        guard let start = anomalies.map(\.start).min(), let main = Self.mainSymptom(findings, among: anomalies) else { return nil }
        self.start = start
        mainSymptom = main
        end = main.end == nil ? nil : anomalies.compactMap(\.end).max()
        stillOpen = anomalies.filter { $0.end == nil && !($0.service == main.service && $0.kind == main.kind && $0.start == main.start) }
    }

    /// The top suspect's anomaly with the most weight in its evidence, else the
    /// first anomaly of the kind the ranking weighs most.
    static func mainSymptom(_ findings: Findings, among anomalies: [Anomaly]) -> Anomaly? {
        if let top = findings.culprit {
            let credited = top.evidence.filter { item in item.weight > 0 && Anomaly.Kind(rawValue: item.signal) != nil }
                .sorted { $0.weight > $1.weight }
            for item in credited {
                if let anomaly = anomalies.first(where: { $0.kind.rawValue == item.signal && $0.evidence.first?.ref == item.lines.first?.ref }) {
                    return anomaly
                }
            }
        }
        let ranking = ScoringModel.Ranking()
        return anomalies.max { lhs, rhs in
            (ranking.weight(of: lhs.kind), -lhs.start) < (ranking.weight(of: rhs.kind), -rhs.start)
        }
    }

    /// `postgres latency spike`, for the anomalies still open.
    static func name(_ anomaly: Anomaly) -> String {
        anomaly.service + " " + anomaly.kind.rawValue.replacingOccurrences(of: "_", with: " ")
    }
}
