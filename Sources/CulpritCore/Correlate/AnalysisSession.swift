/// One analysis over finished inputs: extract in parallel, aggregate in order,
/// apply the window, analyse. Shared by `analyze` and `report`.
public struct AnalysisSession {
    public var settings: ExtractionSettings
    public var window: TimeWindowSpec
    public var detection: DetectionOptions
    public var records: [ChangeMarker]

    public init(settings: ExtractionSettings, window: TimeWindowSpec, detection: DetectionOptions, records: [ChangeMarker]) {
        self.settings = settings
        self.window = window
        self.detection = detection
        self.records = records
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
        return (findings, aggregator, pipeline)
    }

    /// Analyses what `aggregator` holds, applying a window anchored on the last event if asked.
    public func findings(from aggregator: EventAggregator) -> Findings {
        var aggregator = aggregator
        if window.needsLastEvent, let span = aggregator.span {
            let bounds = window.resolve(anchorTime: span.end)
            if let since = bounds.since { aggregator.prune(before: since) }
            aggregator.since = bounds.since
            aggregator.until = bounds.until
        }
        return Analyzer(options: detection).analyze(aggregator, records: records)
    }
}
