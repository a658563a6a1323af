import ArgumentParser
import CulpritModel
import CulpritIngest
import CulpritExtract
import CulpritRender
import CulpritOutput
import CulpritRun
import CulpritCorrelate
import CulpritClickHouse
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report (HTML, Markdown or JSON) over a time window; safe to run from cron.",
        discussion: """
        Examples:
          culprit report --since 24h /var/log/app -o /srv/reports/culprit.html
          culprit report --since 24h --state /var/lib/culprit /var/log/app -o report.html --fail-on likely
          culprit report --since 6h --relative-to last-event archive/ -o postmortem.md
        With --state, each run reads only what was appended since the last one (rotation-aware).
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var color: ColorOption
    @OptionGroup var store: ClickHouseSourceOptions
    @OptionGroup var displayZone: DisplayZoneOption

    @Option(help: ArgumentHelp("html, markdown, json or table; default from -o's extension (markdown on stdout).", valueName: "F"))
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE atomically.", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Keep per-file checkpoints and aggregates in DIR, so each run reads only new bytes.", valueName: "DIR"))
    var state: String?

    @Option(help: ArgumentHelp("The report's title.", valueName: "TEXT"))
    var title: String = "culprit report"

    @Argument(help: ArgumentHelp("Files, directories or .gz files.", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        MallocTuning.keepFreedMemoryForBatchRun()
        let settings: ExtractionSettings
        do { settings = try input.settings() } catch let failure as CommandFailure { exitWithError(failure.message) }
        let diagnostics = Diagnostics(quiet: input.quiet)
        if store.source != nil {
            guard paths.isEmpty else { exitWithError("--source reads the events from ClickHouse: give no PATH") }
            guard state == nil else { exitWithError("--source reads the events from ClickHouse, which keeps them: --state is not needed") }
            let zone = settings.zone
            let session = AnalysisSession(settings: settings, window: analysis.window(zone: zone, defaultAnchor: .now),
                                          detection: analysis.detection, records: analysis.records(zone: zone, diagnostics: diagnostics),
                                          serviceAliases: analysis.changeRecords.serviceAliases)
            if let findings = store.findings(session: session, diagnostics: diagnostics) {
                let withCommits = analysis.suspectCommits.attaching(to: findings, records: session.records, inputs: [], diagnostics: diagnostics)
                try write(withCommits, inputs: [], diagnostics: diagnostics)
                throw analysis.exitCode(for: findings)
            }
        }
        let (allFiles, unreadable) = input.files(paths, diagnostics: diagnostics)

        var saved = ReportState()
        var files = allFiles
        if let state {
            let (loaded, warning) = ReportState.load(directory: state)
            if let warning { diagnostics.warn(warning) }
            saved = loaded
            let plan = saved.plan(allFiles)
            files = plan.read
        }
        let zone = settings.zone
        let session = AnalysisSession(settings: settings, window: analysis.window(zone: zone, defaultAnchor: .now),
                                      detection: analysis.detection, records: analysis.records(zone: zone, diagnostics: diagnostics),
                                      serviceAliases: analysis.changeRecords.serviceAliases)
        let progress = ProgressBar(totalBytes: ProgressBar.totalBytes(files), quiet: input.quiet)
        let (findings, aggregator, pipeline) = session.run(files: files, diagnostics: diagnostics, aggregator: state == nil ? nil : saved.aggregator,
                                                          progress: progress.update)
        progress.finish()
        if pipeline.filesRead == 0, state == nil { exitWithError("no input could be read") }
        let withCommits = analysis.suspectCommits.attaching(to: findings, records: session.records, inputs: allFiles, diagnostics: diagnostics)

        try write(withCommits, inputs: allFiles, diagnostics: diagnostics)
        if let state {
            var next = saved
            var kept = aggregator
            // Keep at most 30 days of aggregates so the state stays small.
            if let end = kept.span?.end { kept.prune(before: end - 30 * 86_400_000_000) }
            next.aggregator = kept
            next.aggregator.since = nil
            next.aggregator.until = nil
            next.record(outcomes: pipeline.outcomes, linesByPath: pipeline.finalStates, inputs: allFiles)
            do { try next.save(directory: state) } catch { exitWithError("\(error)", code: ExitCode.outputFailure.rawValue) }
        }
        diagnostics.summarize(linesRead: pipeline.linesRead, filesRead: pipeline.filesRead)
        input.enforceStrict(unreadablePaths: unreadable, accounts: pipeline.accounts)
        throw analysis.exitCode(for: findings)
    }

    /// Renders `findings` in the chosen format, times in the reader's zone, to `-o` (atomically) or stdout;
    /// an empty window is said on stderr too.
    private func write(_ findings: Findings, inputs: [InputFile], diagnostics: Diagnostics) throws {
        let sink: OutputSink
        sink = openOutput(output, inputs: inputs)
        let chosen = format ?? (output == nil ? .markdown : ReportFormat.inferred(from: output, terminal: false))
        let clock = displayZone.clock(inputZone: input.givenTimeZone, diagnostics: diagnostics)
        if let empty = EmptyWindowWording.sentence(findings, clock: clock) { diagnostics.warn(empty) }
        do {
            let text: String
            switch chosen {
            case .html: text = FindingsHTML.render(findings, title: title, clock: clock)
            case .markdown: text = FindingsMarkdown.render(findings, title: title, clock: clock)
            default: text = chosen.render(findings, color: color.enabled(terminal: sink.isTerminal), clock: clock)
            }
            try sink.write(text)
            try sink.finish()
        } catch is OutputSink.Closed {
            throw ExitCode.success
        }
    }
}
