import CulpritModel
import CulpritIngest
import CulpritExtract
import CulpritCorrelate

/// One analysis over finished inputs: extract in parallel, aggregate in order,
/// apply the window, analyse. Shared by `analyze` and `report`.
public struct AnalysisSession {
    /// How events are extracted.
    public var settings: ExtractionSettings
    /// The window (`--since`, `--until`).
    public var window: TimeWindowSpec
    /// The detectors' thresholds.
    public var detection: DetectionOptions
    /// The change records read (`--deploys`).
    public var records: [ChangeMarker]
    /// `--service-alias RECORD=LOGS`.
    public var serviceAliases: [String: String]

    /// A session over `records` with these settings.
    public init(settings: ExtractionSettings, window: TimeWindowSpec, detection: DetectionOptions, records: [ChangeMarker],
                serviceAliases: [String: String] = [:]) {
        self.settings = settings
        self.window = window
        self.detection = detection
        self.records = records
        self.serviceAliases = serviceAliases
    }

    /// Reads `files`; progress gets the bytes read so far after each batch.
    public func run(files: [InputFile], diagnostics: Diagnostics, aggregator initial: EventAggregator? = nil,
                    progress: ((Int) -> Void)? = nil) -> (findings: Findings, aggregator: EventAggregator, pipeline: ExtractionPipeline) {
        var aggregator = initial ?? EventAggregator()
        if !window.needsLastEvent {
            let bounds = window.resolve(anchorTime: TimeWindowSpec.nowMicros)
            if let message = TimeWindowSpec.emptyWindowMessage(since: bounds.since, until: bounds.until) { diagnostics.warn(message) }
            aggregator.since = bounds.since
            aggregator.until = bounds.until
        }
        let pipeline = ExtractionPipeline(settings: settings, diagnostics: diagnostics)
        pipeline.run(files: files, render: { $0 }) { events in
            aggregator.add(events)
            progress?(pipeline.bytesProcessed)
        }
        if window.needsLastEvent, let span = aggregator.span {
            let bounds = window.resolve(anchorTime: span.end)
            if let message = TimeWindowSpec.emptyWindowMessage(since: bounds.since, until: bounds.until) { diagnostics.warn(message) }
        }
        var findings = findings(from: aggregator)
        findings.inputs = pipeline.accounts
        for match in findings.serviceMatches {
            if match.isProblem { diagnostics.warn(match.description) } else { diagnostics.note(match.description) }
        }
        return (findings, aggregator, pipeline)
    }

    /// Analyses what `aggregator` holds, applying a window anchored on the last event if asked.
    public func findings(from aggregator: EventAggregator) -> Findings {
        var aggregator = aggregator
        var cutBySince = aggregator.since.map { since in aggregator.outsideWindow.map { $0.oldest.time < since } ?? false } ?? false
        if window.needsLastEvent, let span = aggregator.span {
            let bounds = window.resolve(anchorTime: span.end)
            if let since = bounds.since, span.start < since { cutBySince = true }
            if let since = bounds.since { aggregator.prune(before: since) }
            aggregator.since = bounds.since
            aggregator.until = bounds.until
        }
        var analyzer = Analyzer(options: detection)
        analyzer.serviceAliases = serviceAliases
        var findings = analyzer.analyze(aggregator, records: records)
        if aggregator.since != nil || aggregator.until != nil, aggregator.eventCount == 0, let outside = aggregator.outsideWindow {
            findings.emptyWindow = EmptyWindow(since: aggregator.since, until: aggregator.until, linesRead: outside)
        }
        if cutBySince { findings.sayWindowBegins() }
        return findings
    }
}
