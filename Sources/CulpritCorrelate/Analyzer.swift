import CulpritModel

/// Turns aggregated activity and deploy records into findings: infer the
/// changes, detect anomalies per service, rank the changes, build the timeline.
///
/// Records from more than 6 h (`SuspectRanking.horizon`, the longest lag an
/// anomaly is credited to a change) before the first event, or more than 10 min
/// (`ChangeInference.mergeWindow`) after the last, can explain nothing the logs
/// show and are left out: a years-long deploy history costs no more than the
/// part the logs cover. The rest are tied to the logs' services by `ServiceMatching`.
public struct Analyzer: Sendable {
    /// The detectors' thresholds.
    public var options: DetectionOptions
    /// `--service-alias RECORD=LOGS`, for `ServiceMatching`.
    public var serviceAliases: [String: String] = [:]

    /// An analyzer with the given thresholds (the defaults when none are given).
    public init(options: DetectionOptions = DetectionOptions()) { self.options = options }

    /// The findings for what `aggregator` holds, with `records` as the known changes (deploy records, before inference).
    public func analyze(_ aggregator: EventAggregator, records: [ChangeMarker]) -> Findings {
        let span = aggregator.span
        let inWindow = records.filter { record in
            (aggregator.since.map { record.time >= $0 } ?? true) && (aggregator.until.map { record.time <= $0 } ?? true)
                && (span.map { record.time >= $0.start - SuspectRanking.horizon && record.time <= $0.end + ChangeInference.mergeWindow } ?? true)
        }
        let (matched, serviceMatches) = ServiceMatching(aliases: serviceAliases).match(inWindow, logServices: Set(aggregator.services.keys))
        let changes = ChangeInference.changes(activity: aggregator.services, records: matched)
        var anomalies = [Anomaly]()
        let memoryDetector = MemoryGrowthDetector(options: options)
        let errorDetector = ErrorSpikeDetector(options: options)
        let latencyDetector = LatencySpikeDetector(options: options)
        let clusterDetector = EventClusterDetector(options: options)
        for service in aggregator.services.values.sorted(by: { $0.name < $1.name }) {
            let restarts = changes.filter { $0.service == service.name }
            anomalies += memoryDetector.detect(in: service, restartTimes: restarts.filter { $0.kind != .config }.map(\.time))
            anomalies += errorDetector.detect(in: service)
            anomalies += latencyDetector.detect(in: service)
            anomalies += clusterDetector.ooms(in: service)
            anomalies += clusterDetector.crashes(in: service)
            let restartLines = restarts.filter { $0.kind == .restart }.compactMap(\.evidence.first)
            anomalies += clusterDetector.restartLoops(service: service.name, restarts: restartLines)
        }
        anomalies.sort { ($0.start, $0.service) < ($1.start, $1.service) }
        let telemetry = Set(aggregator.services.values.filter { !$0.memory.isEmpty || !$0.minutes.isEmpty }.map(\.name))
        let services = aggregator.services.values.sorted { $0.name < $1.name }
        let messages = NewMessageDetector().detect(in: services, changes: changes)
        let suspects = SuspectRanking().rank(changes: changes, anomalies: anomalies, servicesWithTelemetry: telemetry, logStart: span?.start,
                                             messages: messages)
        var findings = Findings(
            window: span, suspects: suspects, anomalies: anomalies, changes: changes,
            timeline: TimelineBuilder.build(suspects: suspects, anomalies: anomalies, changes: changes),
            services: services.map(Self.series),
            eventCount: aggregator.eventCount
        )
        findings.templates = ServiceTemplates.build(services: services, novelties: messages)
        findings.undatedAnomalies = aggregator.undatedOOMs.keys.sorted().compactMap { service in
            clusterDetector.undatedOOMs(service: service, kills: aggregator.undatedOOMs[service] ?? [])
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
            ooms: service.ooms.compactMap(\.time)
        )
    }
}
