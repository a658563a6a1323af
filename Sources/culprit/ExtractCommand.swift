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
