import ArgumentParser
import CulpritModel
import CulpritIngest
import CulpritExtract
import CulpritCorrelate
import CulpritRender
import CulpritOutput
import CulpritRun
import CulpritClickHouse
import Foundation

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Rank the changes that may have broken things, with the log lines that prove it.",
        discussion: "Example: culprit analyze logs/ --deploys deploys.csv --tz Africa/Lagos"
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var color: ColorOption
    @OptionGroup var store: ClickHouseSourceOptions
    @OptionGroup var displayZone: DisplayZoneOption

    @Option(help: ArgumentHelp("table (default on a terminal), json, markdown.", valueName: "F"))
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to FILE atomically.", valueName: "FILE"))
    var output: String?

    @Argument(help: ArgumentHelp("Files, directories, .gz files, or - for standard input.", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        MallocTuning.keepFreedMemoryForBatchRun()
        let settings: ExtractionSettings
        do { settings = try input.settings() } catch let failure as CommandFailure { exitWithError(failure.message) }
        let zone = settings.zone
        let diagnostics = Diagnostics(quiet: input.quiet)
        let session = AnalysisSession(settings: settings, window: analysis.window(zone: zone, defaultAnchor: .now),
                                      detection: analysis.detection, records: analysis.records(zone: zone, diagnostics: diagnostics),
                                      serviceAliases: analysis.changeRecords.serviceAliases)
        if store.source != nil, !paths.isEmpty { exitWithError("--source reads the events from ClickHouse: give no PATH") }
        let files: [InputFile], unreadable: Int, findings: Findings, pipeline: ExtractionPipeline?
        if let stored = store.findings(session: session, diagnostics: diagnostics) {
            (files, unreadable, findings, pipeline) = ([], 0, stored, nil)
        } else {
            (files, unreadable) = input.files(paths, diagnostics: diagnostics)
            // A bar on stderr while reading, only when stderr is a terminal (see ProgressBar).
            let progress = ProgressBar(totalBytes: ProgressBar.totalBytes(files), quiet: input.quiet)
            let run = session.run(files: files, diagnostics: diagnostics, progress: progress.update)
            progress.finish()
            (findings, pipeline) = (run.findings, run.pipeline)
            if run.pipeline.filesRead == 0 { exitWithError("no input could be read") }
        }
        let withCommits = analysis.suspectCommits.attaching(to: findings, records: session.records, inputs: files, diagnostics: diagnostics)
        let sink: OutputSink
        sink = openOutput(output, inputs: files)
        let chosen = format ?? ReportFormat.inferred(from: output, terminal: sink.isTerminal)
        let clock = displayZone.clock(inputZone: input.givenTimeZone, diagnostics: diagnostics)
        if let empty = EmptyWindowWording.sentence(findings, clock: clock) { diagnostics.warn(empty) }
        do {
            try sink.write(chosen.render(withCommits, color: color.enabled(terminal: sink.isTerminal), clock: clock))
            try sink.finish()
        } catch is OutputSink.Closed {
            throw ExitCode.success
        }
        if let pipeline {
            diagnostics.summarize(linesRead: pipeline.linesRead, filesRead: pipeline.filesRead)
            input.enforceStrict(unreadablePaths: unreadable, accounts: pipeline.accounts)
        }
        throw analysis.exitCode(for: findings)
    }
}

/// Output formats of `analyze` and `report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown, html

    /// From `-o`'s extension, else a table on a terminal and JSON in a pipe.
    static func inferred(from output: String?, terminal: Bool) -> ReportFormat {
        if let output {
            let lowered = output.lowercased()
            if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return .html }
            if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") { return .markdown }
            if lowered.hasSuffix(".json") { return .json }
            return .table
        }
        return terminal ? .table : .json
    }

    func render(_ findings: Findings, color: Bool, clock: DisplayClock) -> String {
        switch self {
        case .table: return FindingsTable(color: color, clock: clock).render(findings)
        case .json: return FindingsJSON.render(findings)
        case .markdown: return FindingsMarkdown.render(findings, clock: clock)
        case .html: return FindingsHTML.render(findings, clock: clock)
        }
    }
}
