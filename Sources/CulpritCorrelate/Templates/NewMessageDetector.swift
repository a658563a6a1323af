import Foundation
import CulpritModel

/// Finds the error and warning messages that came with a change: templates
/// (`TemplateMiner`) that first appear soon after a change of their service, or
/// whose rate rises several-fold after it.
///
/// Method and thresholds (`ScoringModel.Messages`):
/// - **New**: a template is new with the change that owns its first appearance —
///   the latest change of the service at or before it (deploys, rollbacks and
///   config changes before restarts), allowing `slack` (60 s) for a rollout that
///   starts logging just before the record that reports it — when that was
///   within `horizon` (6 h) of the change, the service had been logging for at
///   least `baselineMinutes` (20) before the change — or for at least
///   `minimumBaselineMinutes` (3) when, at the template's rate after the change,
///   seeing none of it in that baseline had a Poisson probability below
///   `newPValue` (0.01): a frequent message needs a shorter baseline than a rare
///   one — (else nothing says what was new), the template was not born where one had been evicted, and it occurred
///   at least `minimumNewCount` (5) times in the `windowMinutes` (60) from its
///   first appearance. A template seen before the change is never new.
/// - **Rose**: for a deploy, rollback or config change, a template seen before
///   it whose rate over the `windowMinutes` after it is at least `riseFactor` (5)
///   times its rate over up to `horizon` before it (at least `baselineMinutes`
///   of it, counting at least one occurrence), with at least `minimumRiseCount`
///   (10) occurrences after and a Poisson tail p < `risePValue` (10⁻⁴).
///   A template present before at a similar rate is no evidence.
/// - Rates are per minute over the window, the window counted as at least
///   `minimumWindowMinutes` (10) long, so a burst right at the end of the logs
///   is not inflated.
/// - **Weight**: `weight(of:)` (error 2.95, warning 2.9: below a memory leak's 3,
///   errors above warnings) × min(1, rate ÷ `saturationPerMinute` (1/min)) ×
///   the ranking's lag decay (full within 30 min of the change, then
///   e^(−(lag − 30 min)/90 min)), × `riseShare` (0.5) for a rise: a message already known is
///   a weaker sign of new code than one never seen. A change's messages add up
///   to at most the largest `weight(of:)` among them: with the deploy prior 1 and
///   the ranking's offset 2, one frequent new warning alone scores 0.71, `likely`.
package struct NewMessageDetector: Sendable {
    /// The thresholds named above (`ScoringModel.Messages`) and the ranking's lag decay.
    package var model: ScoringModel
    private var limits: ScoringModel.Messages { model.messages }

    package init(model: ScoringModel = ScoringModel()) { self.model = model }

    /// The most a change's messages may add up to.
    func weightCap(_ messages: [MessageNovelty]) -> Double {
        messages.map { limits.weight(of: $0.template.kind) }.max() ?? 0
    }

    /// The new and risen templates of every service, each credited to one change.
    package func detect(in services: [ServiceActivity], changes: [ChangeMarker]) -> [MessageNovelty] {
        var found = [MessageNovelty]()
        for service in services {
            let own = changes.filter { $0.service == service.name }.sorted { $0.time < $1.time }
            guard !own.isEmpty, let firstTime = service.firstTime, let lastTime = service.lastTime else { continue }
            for template in service.templates.templates {
                if let novelty = newness(of: template, service: service.name, changes: own, logs: (firstTime, lastTime)) {
                    found.append(novelty)
                } else if let novelty = rise(of: template, service: service.name, changes: own, logs: (firstTime, lastTime)) {
                    found.append(novelty)
                }
            }
        }
        return found.sorted { ($0.weight, $0.template.count) > ($1.weight, $1.template.count) }
    }

    func newness(of template: MessageTemplate, service: String, changes: [ChangeMarker], logs: (first: Int64, last: Int64)) -> MessageNovelty? {
        guard !template.mayRepeatEvicted else { return nil }
        let candidates = changes.filter { $0.time <= template.firstSeen + limits.slack }
        guard let change = candidates.last(where: { $0.kind != .restart }) ?? candidates.last else { return nil }
        let lag = template.firstSeen - change.time
        let baselineMinutes = Double(change.time - logs.first) / 60_000_000
        guard lag <= limits.horizon, baselineMinutes >= Double(limits.minimumBaselineMinutes) else { return nil }
        let (count, minutes) = window(template, from: template.firstSeen / 60_000_000, logsEnd: logs.last)
        guard count >= limits.minimumNewCount else { return nil }
        let rate = Double(count) / minutes
        // A short baseline says a message is new only when, at its rate after the
        // change, none of it before would have been unlikely: e^(−rate·baseline) < p.
        guard baselineMinutes >= Double(limits.baselineMinutes) || exp(-rate * baselineMinutes) < limits.newPValue else { return nil }
        let weight = limits.weight(of: template.kind) * min(1, rate / limits.saturationPerMinute) * decay(lag)
        return MessageNovelty(service: service, template: template, change: change, how: .new, countAfter: count,
                              ratePerMinute: rate, rateBefore: nil, weight: weight)
    }

    func rise(of template: MessageTemplate, service: String, changes: [ChangeMarker], logs: (first: Int64, last: Int64)) -> MessageNovelty? {
        var best: MessageNovelty?
        for change in changes where change.kind != .restart && template.firstSeen < change.time - limits.slack {
            let changeMinute = change.time / 60_000_000
            let beforeStart = max(template.firstSeen, logs.first, change.time - limits.horizon) / 60_000_000
            let beforeMinutes = changeMinute - beforeStart
            guard beforeMinutes >= limits.baselineMinutes, logs.last > change.time else { continue }
            let before = max(1, template.minutes.count(from: beforeStart, to: changeMinute))
            let rateBefore = before / Double(beforeMinutes)
            let (count, minutes) = window(template, from: changeMinute, logsEnd: logs.last)
            let rate = Double(count) / minutes
            guard count >= limits.minimumRiseCount, rate >= limits.riseFactor * rateBefore,
                  PoissonTail.upper(count, mean: rateBefore * minutes) < limits.risePValue else { continue }
            let weight = limits.riseShare * limits.weight(of: template.kind) * min(1, rate / limits.saturationPerMinute)
            if best.map({ weight > $0.weight }) ?? true {
                best = MessageNovelty(service: service, template: template, change: change, how: .rose, countAfter: count,
                                      ratePerMinute: rate, rateBefore: rateBefore, weight: weight)
            }
        }
        return best
    }

    /// Occurrences in the `windowMinutes` from minute `from`, cut at the end of the
    /// logs, and the minutes to divide them by (at least `minimumWindowMinutes`).
    func window(_ template: MessageTemplate, from: Int64, logsEnd: Int64) -> (count: Int, minutes: Double) {
        let end = min(from + limits.windowMinutes, logsEnd / 60_000_000 + 1)
        let count = Int(template.minutes.count(from: from, to: end).rounded())
        return (count, Double(max(end - from, limits.minimumWindowMinutes)))
    }

    /// The ranking's decay with the lag after a change: full within `ScoringModel.Ranking.prompt`.
    func decay(_ lag: Int64) -> Double {
        lag <= model.ranking.prompt ? 1 : exp(-Double(lag - model.ranking.prompt) / model.ranking.decay)
    }
}
