import Foundation
import CulpritModel

/// Scores each change by how well it explains the anomalies.
///
/// Points for a change C of service S at time t (each anomaly counted once, for
/// the latest change of S at or before its onset):
/// - an anomaly of S beginning within 30 min after t: its kind's weight (memory
///   growth 3, error spike 2.5, latency 1.5, restart loop 1.5, OOM 1, crash 1);
///   from 30 min to 6 h after, that weight × e^(−(lag − 30 min)/90 min); +0.5 when
///   memory was flat before the change, +0.5 when the error rate rose ≥ 10×; an
///   error or latency spike beginning more than 5 min after t decays further, as
///   e^(−(lag − 5 min)/20 min): a release that breaks requests breaks them at once;
/// - an error spike most of whose errors report another system failing (their
///   `dependency`) counts × (1 − that share) when it began more than 5 min after t,
///   after that system's own trouble, or within 2 min of another service's errors
///   reporting the same system failing, and so do the symptoms and new messages
///   that follow from it: the failure is the dependency's;
/// - an anomaly of S already under way before t (onset > 2 min earlier, not
///   ended): −0.8 × its weight: the change did not start it;
/// - a later rollback of S after which S's anomaly ended within 45 min: +1.5;
///   a rollback after which it went on: −1;
/// - a restart of S that gave only temporary relief (memory grew again): +0.5;
/// - anomalies of other services that begin after S's own anomaly (a gateway's
///   503s, a database's slow queries) are symptoms: +0.5 each, at most +1.5, in
///   one evidence item; for a service with no telemetry of its own, +0.3 each (at
///   most +1) for those beginning within 30 min after t;
/// - error and warning messages of S new since C, or risen several-fold after it
///   (`NewMessageDetector`, which documents their weights): up to +2.95, one
///   evidence item each for new and risen messages.
/// Score = logistic(prior(kind) × points⁺ − points⁻ − 2), in [0, 1]; prior:
/// deploy 1, config 0.8, rollback 0.4, restart 0.35. Verdicts: likely ≥ 0.7,
/// possible ≥ 0.4. Every figure here is `ScoringModel.Ranking`'s.
package struct SuspectRanking {
    /// The weights, lags and thresholds named above.
    package var model: ScoringModel
    private var ranking: ScoringModel.Ranking { model.ranking }

    package init(model: ScoringModel = ScoringModel()) { self.model = model }

    package func rank(changes: [ChangeMarker], anomalies: [Anomaly], servicesWithTelemetry: Set<String>, logStart: Int64?,
                     messages: [MessageNovelty] = []) -> [Suspect] {
        let suspects = changes.map {
            score($0, changes: changes, anomalies: anomalies, servicesWithTelemetry: servicesWithTelemetry, logStart: logStart, messages: messages)
        }
        return suspects.sorted { ($0.score, $1.change.time) > ($1.score, $0.change.time) }
    }

    func score(_ change: ChangeMarker, changes: [ChangeMarker], anomalies: [Anomaly], servicesWithTelemetry: Set<String>, logStart: Int64?,
               messages: [MessageNovelty] = []) -> Suspect {
        var evidence = [Suspect.Evidence]()
        evidence.append(.init(signal: "change", summary: describe(change), lines: change.evidence, weight: 0))
        let own = anomalies.filter { $0.service == change.service }
        var credited = [Anomaly]()
        // When the change's own trouble is mostly a dependency failing, what follows
        // from that trouble (other services' symptoms, its new error messages) is the
        // dependency's too: those items count only by the service's own share.
        var dependencyFactor: Double?
        for anomaly in own {
            let lag = anomaly.start - change.time
            let explainedByStart = anomaly.preExisting && logStart.map { change.time <= $0 + ranking.slack } != true
            if lag < -ranking.slack || explainedByStart {
                let ongoing = anomaly.end.map { $0 > change.time } ?? true
                guard ongoing else { continue }
                let reason = anomaly.preExisting ? "already present when the logs begin" : "began \(Self.minutes(-lag)) before this change"
                evidence.append(.init(signal: "preexisting", summary: "\(anomaly.kind.rawValue) \(reason): \(anomaly.summary)",
                                      lines: Array(anomaly.evidence.prefix(2)), weight: -ranking.preexistingPenalty * ranking.weight(of: anomaly.kind)))
                continue
            }
            guard lag <= ranking.horizon, owner(of: anomaly, changes: changes) == change else { continue }
            var weight = ranking.weight(of: anomaly.kind)
            if lag > ranking.prompt { weight *= exp(-Double(lag - ranking.prompt) / ranking.decay) }
            if anomaly.kind == .errorSpike || anomaly.kind == .latencySpike, lag > ranking.requestPrompt {
                weight *= exp(-Double(lag - ranking.requestPrompt) / ranking.requestDecay)
            }
            if anomaly.kind == .memoryGrowth, let growth = anomaly.growth, let before = growth.bytesPerMinuteBefore,
               abs(before) < growth.bytesPerMinute * model.detection.memoryFlatBeforeRatio, lag <= ranking.prompt { weight += ranking.flatBeforeBonus }
            if anomaly.kind == .errorSpike, anomaly.magnitude >= ranking.errorSpikeBonusRatio { weight += ranking.errorSpikeBonus }
            if let item = dependencyDiscount(anomaly, lag: lag, anomalies: anomalies) {
                let own = 1 - (anomaly.dependencyShare ?? 0)
                weight *= own
                dependencyFactor = min(dependencyFactor ?? 1, own)
                evidence.append(item)
            }
            credited.append(anomaly)
            evidence.append(.init(signal: anomaly.kind.rawValue, summary: "\(anomaly.summary); began \(Self.minutes(max(lag, 0))) after the \(change.kind.rawValue)",
                                  lines: anomaly.evidence, weight: weight))
        }
        evidence += confirmation(of: change, credited: credited, changes: changes)
        var consequences = symptoms(of: change, credited: credited, anomalies: anomalies, changes: changes, hasTelemetry: servicesWithTelemetry.contains(change.service))
        consequences += MessageEvidence.items(for: change, messages: messages.filter { $0.change == change }, model: model)
        if let dependencyFactor {
            for index in consequences.indices where consequences[index].weight > 0 { consequences[index].weight *= dependencyFactor }
        }
        evidence += consequences
        let positive = evidence.filter { $0.weight > 0 }.reduce(0) { $0 + $1.weight }
        let negative = evidence.filter { $0.weight < 0 }.reduce(0) { $0 - $1.weight }
        let raw = ranking.prior(of: change.kind) * positive - negative - ranking.offset
        let score = (1 / (1 + exp(-raw)) * 1000).rounded() / 1000
        let ordered = [evidence[0]] + evidence.dropFirst().sorted { abs($0.weight) > abs($1.weight) }
        return Suspect(change: change, score: score, verdict: Suspect.Verdict(score: score, ranking: ranking), evidence: ordered)
    }

    /// An error spike whose errors mostly report another system failing, when that
    /// failure did not come at once with the change (it began later than
    /// `requestPrompt`) or followed that system's own trouble: the evidence says
    /// so, and the spike counts for the change only as much as its own errors.
    func dependencyDiscount(_ anomaly: Anomaly, lag: Int64, anomalies: [Anomaly]) -> Suspect.Evidence? {
        guard anomaly.kind == .errorSpike, let dependency = anomaly.dependency, let share = anomaly.dependencyShare,
              share >= ranking.dependencyShareFloor else { return nil }
        let host = Self.host(of: dependency)
        let itsOwn = anomalies.first { other in
            other.service != anomaly.service && other.start <= anomaly.start + ranking.slack
                && (other.service.lowercased().contains(host) || host.contains(other.service.lowercased()))
        }
        // Another service whose errors report the same system failing at about the
        // same time: the system failed for all its clients, not through this change.
        let peer = anomalies.first { other in
            other.service != anomaly.service && other.kind == .errorSpike && abs(other.start - anomaly.start) <= ranking.slack
                && (other.dependencyShare ?? 0) >= ranking.dependencyShareFloor
                && other.dependency.map { Self.host(of: $0) == host } == true
        }
        guard lag > ranking.requestPrompt || itsOwn != nil || peer != nil else { return nil }
        var summary = "\(Int((share * 100).rounded()))% of \(anomaly.service)'s errors report \(dependency) failing"
        if let itsOwn { summary += "; \(itsOwn.service)'s own trouble began at \(Self.clock(itsOwn.start)): \(itsOwn.summary)" }
        if let peer { summary += "; \(peer.service)'s errors report it failing too, from \(Self.clock(peer.start))" }
        return .init(signal: "dependency", summary: summary + ": the failure is \(dependency)'s", lines: Array(anomaly.evidence.prefix(2)), weight: 0)
    }

    /// A dependency's host, lowercased (`cache:6379` → `cache`).
    static func host(of dependency: String) -> String {
        dependency.split(separator: ":").first.map { String($0).lowercased() } ?? dependency.lowercased()
    }

    /// The change an anomaly of a service belongs to: the latest change of that
    /// service at or before its onset (restarts do not take it from a deploy).
    func owner(of anomaly: Anomaly, changes: [ChangeMarker]) -> ChangeMarker? {
        let candidates = changes.filter { $0.service == anomaly.service && $0.time <= anomaly.start + ranking.slack }
        return candidates.last { $0.kind != .restart } ?? candidates.last
    }

    func confirmation(of change: ChangeMarker, credited: [Anomaly], changes: [ChangeMarker]) -> [Suspect.Evidence] {
        var evidence = [Suspect.Evidence]()
        let later = changes.filter { $0.service == change.service && $0.time > change.time }
        let undo = later.first { $0.kind == .rollback || ($0.kind == .deploy && $0.version != nil && $0.version == change.previousVersion) }
        for anomaly in credited {
            if let undo, change.kind != .rollback {
                if let end = anomaly.end, end >= undo.time - ranking.rollbackRecoveryBefore, end <= undo.time + ranking.rollbackRecoveryAfter {
                    evidence.append(.init(signal: "rollback_recovery",
                                          summary: "after the \(undo.kind.rawValue) to \(undo.version ?? "the previous version") at \(Self.clock(undo.time)), the \(anomaly.kind.rawValue.replacingOccurrences(of: "_", with: " ")) ended",
                                          lines: undo.evidence.prefix(1) + anomaly.evidence.suffix(1), weight: ranking.rollbackRecovery))
                } else if anomaly.end == nil || anomaly.end! > undo.time + ranking.rollbackRecoveryAfter {
                    evidence.append(.init(signal: "no_recovery", summary: "the \(anomaly.kind.rawValue) went on after the \(undo.kind.rawValue) at \(Self.clock(undo.time))",
                                          lines: Array(undo.evidence.prefix(1)), weight: -ranking.noRecoveryPenalty))
                }
            }
            if anomaly.kind == .memoryGrowth, let growth = anomaly.growth, !growth.resets.isEmpty {
                let times = growth.resets.map(Self.clock).joined(separator: ", ")
                evidence.append(.init(signal: "restart_relief",
                                      summary: "the restart at \(times) gave only temporary relief: memory grew again at the same rate",
                                      lines: Array(anomaly.evidence.suffix(2)), weight: ranking.restartRelief))
            }
        }
        return evidence
    }

    /// Other services' anomalies explained by this change, as one item: they are
    /// why the gateway's 503s and the database's slow queries are not suspects.
    func symptoms(of change: ChangeMarker, credited: [Anomaly], anomalies: [Anomaly], changes: [ChangeMarker], hasTelemetry: Bool) -> [Suspect.Evidence] {
        let firstOwn = credited.map(\.start).min()
        var parts = [String]()
        var lines = [EvidenceLine]()
        var services = [String]()
        var total = 0.0
        for anomaly in anomalies.sorted(by: { $0.start < $1.start }) where anomaly.service != change.service && !anomaly.preExisting {
            guard anomaly.start > change.time else { continue }
            // A change of that service itself, between this change and the onset, explains it better.
            let ownChange = changes.contains { $0.service == anomaly.service && $0.kind != .restart && $0.time > change.time - ranking.slack && $0.time <= anomaly.start + ranking.slack }
            guard !ownChange else { continue }
            let weight: Double
            let lag: String
            if let firstOwn, anomaly.start >= firstOwn - ranking.slack, anomaly.start - change.time <= ranking.horizon {
                weight = ranking.symptomWeight
                lag = "\(Self.minutes(anomaly.start - firstOwn)) after \(change.service)'s own trouble"
            } else if firstOwn == nil, !hasTelemetry, anomaly.start - change.time <= ranking.prompt {
                weight = ranking.unseenSymptomWeight
                lag = "\(Self.minutes(anomaly.start - change.time)) after the \(change.kind.rawValue)"
            } else {
                continue
            }
            let cap = firstOwn == nil ? ranking.unseenSymptomCap : ranking.symptomCap
            guard total < cap else { break }
            total = min(cap, total + weight)
            parts.append("\(anomaly.service): \(anomaly.summary) (\(lag))")
            lines += anomaly.evidence.prefix(2)
            if !services.contains(anomaly.service) { services.append(anomaly.service) }
        }
        guard !parts.isEmpty else { return [] }
        let who = services.joined(separator: " and ")
        let headline = firstOwn == nil
            ? "trouble in \(who) began soon after the \(change.kind.rawValue) (no logs of \(change.service) itself)"
            : "trouble in \(who) began after \(change.service)'s own: symptoms, not causes"
        return [Suspect.Evidence(signal: "symptom", summary: headline + " — " + parts.joined(separator: "; "),
                                 lines: Array(lines.prefix(6)), weight: total, services: services)]
    }

    func describe(_ change: ChangeMarker) -> String {
        var text = "\(change.kind.rawValue) of \(change.service)"
        if let version = change.version { text += " \(version)" }
        if let previous = change.previousVersion, change.kind != .restart { text += " (was \(previous))" }
        text += " at \(Self.clock(change.time))"
        if let actor = change.actor { text += " by \(actor)" }
        return text
    }

    /// `01:50Z` style clock time for summaries (UTC).
    static func clock(_ micros: Int64) -> String {
        let full = CivilTime.rfc3339(micros)
        guard let t = full.firstIndex(of: "T") else { return full }
        return String(full[full.index(after: t)...].prefix(5)) + "Z"
    }

    static func minutes(_ micros: Int64) -> String {
        let minutes = Double(micros) / 60_000_000
        if minutes < 1 { return "under a minute" }
        if minutes < 120 { return "\(ValueFormatting.integerText(minutes.rounded())) min" }
        return String(format1: minutes / 60) + " h"
    }
}
