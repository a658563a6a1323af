import CulpritModel

/// A change's new and risen messages as suspect evidence: one `new_messages`
/// item and one `rising_messages` item at most, their weights together capped
/// by `NewMessageDetector.weightCap(_:)`.
package enum MessageEvidence {
    /// Templates named in a summary; the rest are counted.
    static let namedLimit = 3
    /// Cited lines per item.
    static let lineLimit = 6
    /// A template longer than this many characters is cut in a summary.
    static let textLimit = 120

    static func items(for change: ChangeMarker, messages: [MessageNovelty], model: ScoringModel) -> [Suspect.Evidence] {
        guard !messages.isEmpty else { return [] }
        let cap = NewMessageDetector(model: model).weightCap(messages)
        let new = messages.filter { $0.how == .new }
        let rose = messages.filter { $0.how == .rose }
        var items = [Suspect.Evidence]()
        var total = 0.0
        for (signal, group) in [("new_messages", new), ("rising_messages", rose)] where !group.isEmpty {
            let weight = min(cap - total, group.reduce(0) { $0 + $1.weight })
            guard weight > 0 else { continue }
            total += weight
            items.append(Suspect.Evidence(signal: signal, summary: summary(group, change: change), lines: lines(group),
                                          weight: weight, messages: group))
        }
        return items
    }

    /// `2 messages new since auth-service 2.3.1: `session cache full for tenant <*>` (412×, 6.9/min), `…` (37×); first seen 2 min after the deploy`.
    static func summary(_ group: [MessageNovelty], change: ChangeMarker) -> String {
        let since = change.version.map { "\(change.service) \($0)" } ?? "the \(change.kind.rawValue) of \(change.service)"
        let noun = group.count == 1 ? "message" : "messages"
        var parts = [String]()
        for (index, novelty) in group.prefix(namedLimit).enumerated() {
            var detail = "\(novelty.template.count)×"
            if index == 0 { detail += ", " + rate(novelty.ratePerMinute) }
            if novelty.how == .rose, let before = novelty.rateBefore {
                detail = "\(factor(novelty.ratePerMinute / before)) as often: \(rate(before)) → \(rate(novelty.ratePerMinute))"
            }
            parts.append("`\(cut(novelty.template.text))` (\(detail)\(novelty.template.kind == .error ? ", error" : ""))")
        }
        if group.count > namedLimit { parts.append("and \(group.count - namedLimit) more") }
        if group[0].how == .rose {
            return "\(group.count) \(noun) more frequent since \(since): " + parts.joined(separator: ", ")
        }
        let first = group.map(\.lag).min() ?? 0
        let when = first < 0 ? "just before the \(change.kind.rawValue) was recorded" : "\(SuspectRanking.minutes(first)) after the \(change.kind.rawValue)"
        return "\(group.count) \(noun) new since \(since): " + parts.joined(separator: ", ") + "; first seen \(when)"
    }

    /// The first lines of each template in turn, so every one named is cited.
    static func lines(_ group: [MessageNovelty]) -> [EvidenceLine] {
        var lines = [EvidenceLine]()
        var depth = 0
        while lines.count < lineLimit, depth < MessageTemplate.exampleLimit {
            for novelty in group where depth < novelty.template.examples.count && lines.count < lineLimit {
                lines.append(novelty.template.examples[depth])
            }
            depth += 1
        }
        return lines
    }

    package static func rate(_ perMinute: Double) -> String {
        perMinute >= 10 ? "\(ValueFormatting.integerText(perMinute.rounded()))/min" : "\(String(format1: perMinute))/min"
    }

    static func factor(_ ratio: Double) -> String {
        ratio >= 10 ? "\(ValueFormatting.integerText(ratio.rounded()))×" : "\(String(format1: ratio))×"
    }

    package static func cut(_ text: String) -> String {
        text.count > textLimit ? String(text.prefix(textLimit - 1)) + "…" : text
    }
}
