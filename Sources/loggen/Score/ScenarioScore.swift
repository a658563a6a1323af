import ArgumentParser
import Foundation

/// One scenario's verdict: culprit's answer (`culprit.json`) against `truth.json`.
struct ScenarioScore {
    var folder: String
    var fault: String
    var right: Bool
    /// Likely suspects that are not the guilty change.
    var falseLikely: Int
    /// The innocent changes in the truth.
    var innocentCount: Int
    /// What culprit ranked first, for the failure list.
    var top: String
    var truth: String
    /// Why the scenario is wrong (or empty).
    var reason: String

    init(folder: String) throws {
        self.folder = folder
        let truthData = try Data(contentsOf: URL(fileURLWithPath: folder + "/truth.json"))
        guard let truthObject = try JSONSerialization.jsonObject(with: truthData) as? [String: Any] else {
            throw ValidationError("\(folder)/truth.json: not a JSON object")
        }
        fault = truthObject["fault"] as? String ?? "?"
        let guilty = ChangeIdentity(truthObject["guilty"])
        let innocent = (truthObject["innocent"] as? [Any] ?? []).compactMap(ChangeIdentity.init)
        innocentCount = innocent.count
        truth = guilty.map { "\($0.service) \($0.version ?? "-") \($0.kind) \(Self.clock($0.time))" } ?? "none"
        falseLikely = 0
        reason = ""
        let answerPath = folder + "/culprit.json"
        guard let answerData = FileManager.default.contents(atPath: answerPath),
              let answer = try? JSONSerialization.jsonObject(with: answerData) as? [String: Any] else {
            right = false
            top = "(no answer: culprit failed, see culprit.err)"
            reason = "no answer"
            return
        }
        let suspects = (answer["suspects"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        let first = suspects.first
        if let first {
            let verdict = first["verdict"] as? String ?? "?"
            let score = (first["score"] as? Double).map { String(format: "%.2f", $0) } ?? "?"
            top = "\(first["service"] as? String ?? "?") \(first["version"] as? String ?? "-") "
                + "\(first["change"] as? String ?? "?") \(((first["at"] as? String).flatMap(ChangeIdentity.date)).map(Self.clock) ?? "?") "
                + "\(verdict) \(score)"
        } else {
            top = "(no suspect)"
        }
        func identity(_ suspect: [String: Any]) -> ChangeIdentity? {
            guard let service = suspect["service"] as? String, let at = suspect["at"] as? String,
                  let time = ChangeIdentity.date(at) else { return nil }
            return ChangeIdentity(service: service, version: suspect["version"] as? String,
                                  kind: suspect["change"] as? String ?? "deploy", time: time)
        }
        for suspect in suspects where suspect["verdict"] as? String == "likely" {
            if let guilty, let id = identity(suspect), guilty.matches(id) { continue }
            falseLikely += 1
        }
        if let guilty {
            if let first, let id = identity(first), guilty.matches(id) {
                let verdict = first["verdict"] as? String
                right = verdict == "likely" || verdict == "possible"
                if !right { reason = "right change, verdict \(verdict ?? "?")" }
            } else {
                right = false
                let ranked = suspects.firstIndex { identity($0).map(guilty.matches) ?? false }
                reason = ranked.map { "guilty change ranked \($0 + 1)" } ?? "guilty change not among suspects"
            }
        } else {
            right = !suspects.contains { $0["verdict"] as? String == "likely" }
            if !right { reason = "an innocent change called likely" }
        }
    }

    private static func clock(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
