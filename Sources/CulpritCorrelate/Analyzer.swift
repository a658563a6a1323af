import CulpritModel

/// Turns aggregated activity and deploy records into findings: infer the
/// changes, detect anomalies per service, rank the changes, build the timeline.
///
/// The anomalies are those of every detector in `DetectorRegistry`. Records
/// from more than 6 h (`ScoringModel.Ranking.horizon`, the longest lag an
/// anomaly is credited to a change) before the first event, or more than 10 min
/// (`ScoringModel.Changes.mergeWindow`) after the last, can explain nothing the logs
/// show and are left out: a years-long deploy history costs no more than the
/// part the logs cover. The rest are tied to the logs' services by `ServiceMatching`.
public struct Analyzer: Sendable {
    /// Every weight, window and threshold the analysis uses.
    public var model: ScoringModel
    /// The detectors' thresholds (`model.detection`).
    public var options: DetectionOptions {
        get { model.detection }
        set { model.detection = newValue }
    }
    /// `--service-alias RECORD=LOGS`, for `ServiceMatching`.
    public var serviceAliases: [String: String] = [:]

    /// An analyzer with `model` (culprit's own when none is given).
    public init(model: ScoringModel = ScoringModel()) { self.model = model }

    /// An analyzer with culprit's own model but the detector thresholds `options`.
    public init(options: DetectionOptions) {
        self.model = ScoringModel()
        self.model.detection = options
    }

    /// The findings for what `aggregator` holds, with `records` as the known changes (deploy records, before inference).
    public func analyze(_ aggregator: EventAggregator, records: [ChangeMarker]) -> Findings {
        let span = aggregator.span
        let inWindow = records.filter { record in
            (aggregator.since.map { record.time >= $0 } ?? true) && (aggregator.until.map { record.time <= $0 } ?? true)
                && (span.map { record.time >= $0.start - model.ranking.horizon && record.time <= $0.end + model.changes.mergeWindow } ?? true)
        }
        let (matched, serviceMatches) = ServiceMatching(aliases: serviceAliases).match(inWindow, logServices: Set(aggregator.services.keys))
        let (changes, crashRestarts) = ChangeInference(windows: model.changes).inferChanges(activity: aggregator.services, records: matched)
        var anomalies = [Anomaly]()
        let detectors = DetectorRegistry.detectors(options)
        for service in aggregator.services.values.sorted(by: { $0.name < $1.name }) {
            // Crash restarts are no suspects, but they cut memory series and make crash loops.
            let own = (changes + crashRestarts).filter { $0.service == service.name }.sorted { $0.time < $1.time }
            var found = [Anomaly]()
            for detector in detectors { found += detector.detect(in: service, changes: own) }
            // Which system a spike's errors report failing is read from the spike's own minutes.
            for index in found.indices where found[index].kind == .errorSpike {
                let from = found[index].start / 60_000_000
                let to = (found[index].end ?? max(service.lastTime ?? found[index].start, found[index].start)) / 60_000_000 + 1
                if let (dependency, share) = service.dominantDependency(fromMinute: from, toMinute: to) {
                    found[index].dependency = dependency
                    found[index].dependencyShare = share
                }
            }
            anomalies += found
        }
        anomalies.sort { ($0.start, $0.service) < ($1.start, $1.service) }
        let telemetry = Set(aggregator.services.values.filter { !$0.memory.isEmpty || !$0.minutes.isEmpty }.map(\.name))
        let services = aggregator.services.values.sorted { $0.name < $1.name }
        let messages = NewMessageDetector(model: model).detect(in: services, changes: changes)
        let suspects = SuspectRanking(model: model).rank(changes: changes, anomalies: anomalies, servicesWithTelemetry: telemetry, logStart: span?.start,
                                             messages: messages)
        var findings = Findings(
            window: span, suspects: suspects, anomalies: anomalies, changes: changes,
            timeline: TimelineBuilder.build(suspects: suspects, anomalies: anomalies, changes: changes),
            services: services.map(Self.series),
            eventCount: aggregator.eventCount
        )
        findings.templates = ServiceTemplates.build(services: services, novelties: messages)
        findings.undatedAnomalies = aggregator.undatedOOMs.keys.sorted().compactMap { service in
            EventClusterDetector(options: options).undatedOOMs(service: service, kills: aggregator.undatedOOMs[service] ?? [])
        }
        findings.serviceMatches = serviceMatches
        return findings
    }

    static func series(_ service: ServiceActivity) -> ServiceSeries {
        var memoryByMinute = [Int64: Double]()
        for series in service.memory.values {
            for (minute, sample) in series.samplesByMinute { memoryByMinute[minute] = max(memoryByMinute[minute] ?? 0, sample.bytes) }
        }
        let countsResponses = service.logsRequests
        return ServiceSeries(
            service: service.name,
            memory: memoryByMinute.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            memoryLimit: service.memory.values.compactMap(\.limit).max(),
            errors: service.minutes.sorted { $0.key < $1.key }.map { ($0.key, $0.value.errors(countingResponses: countsResponses), $0.value.requests) },
            ooms: service.ooms.compactMap(\.time),
            latency: service.minutes.sorted { $0.key < $1.key }.compactMap { minute, stats in
                stats.meanLatency.map { (minute, $0, stats.latencyMax) }
            }
        )
    }
}
