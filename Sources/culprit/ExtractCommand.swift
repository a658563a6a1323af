import ArgumentParser
import CulpritModel
import CulpritIngest
import CulpritExtract
import CulpritRender
import CulpritOutput
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the extracted events, one JSON object per line."
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("ndjson (default) or table.", valueName: "F"))
    var format: ExtractFormat = .ndjson

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to FILE atomically.", valueName: "FILE"))
    var output: String?

    @OptionGroup var clickhouse: ClickHouseSinkOptions

    @Argument(help: ArgumentHelp("Files, directories, .gz files, or - for standard input.", valueName: "PATH"))
    var paths: [String] = []

    enum ExtractFormat: String, ExpressibleByArgument {
        case ndjson, table, json
    }

    func run() throws {
        MallocTuning.keepFreedMemoryForBatchRun()
        let settings: ExtractionSettings
        do { settings = try input.settings() } catch let failure as CommandFailure { exitWithError(failure.message) }
        let diagnostics = Diagnostics(quiet: input.quiet)
        let (files, unreadable) = input.files(paths, diagnostics: diagnostics)

        if let (store, encoder) = clickhouse.openSink(diagnostics: diagnostics) {
            if output != nil { exitWithError("--sink and -o both say where the events go: give one") }
            let pipeline = ExtractionPipeline(settings: settings, diagnostics: diagnostics)
            do {
                try pipeline.run(files: files, render: { (rows: encoder.encode($0), count: $0.count) }) { try store.append(rows: $0.rows, count: $0.count) }
                try store.flush()
                try store.recordInputs(pipeline.accounts, host: encoder.originHost)
            } catch {
                exitWithError("--sink \(store.address): \(error) (\(store.eventsShipped) events were shipped before)", code: ExitCode.outputFailure.rawValue)
            }
            if pipeline.filesRead == 0 { throw ExitCode(2) }
            diagnostics.summarize(linesRead: pipeline.linesRead, filesRead: pipeline.filesRead)
            diagnostics.note(ClickHouseSinkOptions.shippedNote(store, from: encoder))
            input.enforceStrict(unreadablePaths: unreadable, accounts: pipeline.accounts)
            return
        }

        let sink: OutputSink
        sink = openOutput(output, inputs: files)
        let pipeline = ExtractionPipeline(settings: settings, diagnostics: diagnostics)
        do {
            switch format {
            case .ndjson, .json:
                try pipeline.run(files: files, render: EventNDJSON.render) { try sink.write($0) }
            case .table:
                try pipeline.run(files: files, render: EventTable.render) { try sink.write($0) }
            }
            try sink.finish()
        } catch is OutputSink.Closed {
            throw ExitCode.success
        }
        if pipeline.filesRead == 0 { throw ExitCode(2) }
        diagnostics.summarize(linesRead: pipeline.linesRead, filesRead: pipeline.filesRead)
        input.enforceStrict(unreadablePaths: unreadable, accounts: pipeline.accounts)
    }
}
