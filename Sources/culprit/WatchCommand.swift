import ArgumentParser
import CulpritModel
import CulpritExtract
import CulpritCorrelate
import CulpritRender
import CulpritOutput
import CulpritWatch
import Foundation
import CulpritMetrics
import CulpritClickHouse
import CulpritIngest

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow logs or a pipe and alert on memory growth, OOM kills, error and latency spikes, and the likely culprit.",
        discussion: """
        Examples:
          kubectl logs -f deploy/auth | culprit watch -
          journalctl -f -o json | culprit watch -
          culprit watch /var/log/app/ --exec 'curl -s -d @- https://hooks.example/alert'
          culprit watch --replay old-logs/ --deploys deploys.csv
        Event time comes from the log lines: a replay fires the alerts a live run would have.
        """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var changeRecords: ChangeRecordOptions

    @OptionGroup var displayZone: DisplayZoneOption

    @Option(help: ArgumentHelp("Sliding window of log time kept (e.g. 6h, 90m).", valueName: "DURATION"))
    var window: String = "6h"

    @Flag(help: "Read finished files or a pipe as a stream, as fast as possible, and stop at their end.")
    var replay = false

    @Flag(name: .customLong("from-end"), help: "Start followed files at their end, like tail -F, instead of reading them whole first.")
    var fromEnd = false

    @Option(help: ArgumentHelp("human (default) or ndjson.", valueName: "F"))
    var format: AlertFormat = .human

    @Option(name: .customLong("exec"), help: ArgumentHelp("Run CMD once per alert with the alert JSON on stdin.", valueName: "CMD"))
    var execCommand: String?

    @Option(name: .customLong("exec-timeout"), help: ArgumentHelp("Seconds before an --exec command is stopped.", valueName: "S"))
    var execTimeout: Double = 10

    @Option(help: ArgumentHelp("Serve Prometheus metrics at HOST:PORT/metrics.", valueName: "HOST:PORT"))
    var metrics: String?

    @OptionGroup var clickhouse: ClickHouseSinkOptions

    @Option(help: ArgumentHelp("With --sink: keep in DIR where shipping stopped in each followed file, and go on from there when started again.", valueName: "DIR"))
    var state: String?

    @Argument(help: ArgumentHelp("Files or directories to follow, or - for standard input (the default).", valueName: "PATH"))
    var paths: [String] = []

    enum AlertFormat: String, ExpressibleByArgument {
        case human, ndjson
    }

    func run() throws {
        let settings: ExtractionSettings
        do { settings = try input.settings() } catch let failure as CommandFailure { exitWithError(failure.message) }
        guard let windowLength = TimeWindowSpec.parseDuration(window) else {
            exitWithError("--window '\(window)': use a duration such as 6h or 90m")
        }
        let diagnostics = Diagnostics(quiet: input.quiet)
        let records = changeRecords.records(zone: settings.zone, diagnostics: diagnostics)
        if paths.isEmpty, isatty(0) == 1 {
            exitWithError("no PATH given and standard input is a terminal: name the logs to follow or pipe them in (kubectl logs -f … | culprit watch -)")
        }
        let targets = paths.isEmpty ? ["-"] : paths
        for path in targets where path != "-" && !FileManager.default.fileExists(atPath: path) && replay {
            exitWithError("\(path): no such file or directory")
        }
        let stop = StopSignal()
        let sink = OutputSink()
        let runner = execCommand.map { AlertCommandRunner(command: $0, timeout: execTimeout, diagnostics: diagnostics) }
        var options = WatchSession.Options()
        options.replay = replay
        options.fromEnd = fromEnd
        let checkpointStore = state.map { followCheckpoints(directory: $0, targets: targets, diagnostics: diagnostics, options: &options) }
        var analyzer = Analyzer()
        analyzer.serviceAliases = changeRecords.serviceAliases
        let clock = displayZone.clock(inputZone: input.givenTimeZone, diagnostics: diagnostics)
        let engine = WatchEngine(analyzer: analyzer, records: records, window: windowLength, displayClock: clock)
        let exporter = metrics.map { address -> MetricsExporter in
            do { return try MetricsExporter(address: address) } catch { exitWithError("--metrics \(address): \(error)") }
        }
        let format = self.format
        let session = WatchSession(settings: settings, engine: engine, options: options, diagnostics: diagnostics, emit: { alert in
            switch format {
            case .human: try sink.write(alert.humanLine(clock: clock) + "\n")
            case .ndjson: try sink.write(alert.json.rendered(pretty: false) + "\n")
            }
            try sink.flush()
            runner?.submit(alert)
        }, shouldStop: { stop.isRequested })
        exporter?.attach(to: session)
        let shipping = clickhouse.openSink(diagnostics: diagnostics)
        if let (store, encoder) = shipping {
            // Rows go out when a batch is full, and at least once a second while the input is quiet.
            final class FlushClock { var last = ContinuousClock.now }
            let clock = FlushClock()
            session.eventTap = { events in try store.append(rows: encoder.encode(events), count: events.count) }
            session.onIdle = {
                guard store.hasPending, ContinuousClock.now - clock.last >= .seconds(1) else { return }
                try store.flush()
                clock.last = ContinuousClock.now
            }
        }
        if let checkpointStore, let (store, _) = shipping {
            // A position is saved only once the events before it are acknowledged: flush first.
            final class SaveClock { var last = ContinuousClock.now; var saved: [FileCheckpoint] = [] }
            let saves = SaveClock()
            session.afterPoll = { [unowned session] final in
                guard final || ContinuousClock.now - saves.last >= .seconds(1) else { return }
                saves.last = ContinuousClock.now
                let checkpoints = session.checkpoints()
                guard checkpoints != saves.saved else { return }
                try store.flush()
                try checkpointStore.save(checkpoints)
                saves.saved = checkpoints
            }
        }
        do {
            try session.run(paths: targets)
            if let (store, encoder) = shipping {
                try store.flush()
                diagnostics.note(ClickHouseSinkOptions.shippedNote(store, from: encoder))
            }
        } catch is OutputSink.Closed {
            throw ExitCode.success
        } catch let error as ClickHouseError {
            exitWithError("--sink \(clickhouse.sink ?? ""): \(error)", code: ExitCode.outputFailure.rawValue)
        } catch let error as AtomicFile.Failure {
            Self.checkpointsNotSaved(error)
        }
        runner?.drain(seconds: execTimeout)
        exporter?.stop()
        if let findings = session.engine.lastFindings {
            let summary = FindingsTable(color: false, clock: clock).render(findings)
            do {
                if format == .human {
                    try sink.write("\n" + summary)
                    try sink.finish()
                } else {
                    try sink.finish()
                    if !input.quiet { FileHandle.standardError.write(Data(summary.utf8)) }
                }
            } catch is OutputSink.Closed {
                throw ExitCode.success
            }
        }
    }

    /// Exits with the output-failure status: the checkpoints cannot be written.
    private static func checkpointsNotSaved(_ error: AtomicFile.Failure) -> Never {
        exitWithError("--state: \(error.path): cannot save the checkpoints (\(error.reason))", code: ExitCode.outputFailure.rawValue)
    }

    /// `--state DIR`: the checkpoints saved there by the last run, handed to the
    /// session to go on from; exits when they cannot be kept (no sink, nothing followed, DIR unwritable).
    private func followCheckpoints(directory: String, targets: [String], diagnostics: Diagnostics, options: inout WatchSession.Options) -> FollowCheckpoints {
        guard clickhouse.sink != nil else {
            exitWithError("--state keeps where shipping stopped: it needs --sink (a watch without one starts its window afresh anyway)")
        }
        guard !replay, !targets.contains("-") else {
            exitWithError("--state needs followed files or folders: a pipe or a --replay cannot be gone on with")
        }
        let store = FollowCheckpoints(directory: directory)
        do {
            options.resume = try store.load()
        } catch {
            diagnostics.warn("\(error); following every file from its start (what was shipped before is folded by the table)")
        }
        // Fail now, not after the first batch, when the directory cannot be written.
        do { try store.save(options.resume) } catch { Self.checkpointsNotSaved(error) }
        if !options.resume.isEmpty {
            diagnostics.note("--state \(directory): going on from \(options.resume.count) checkpoint\(options.resume.count == 1 ? "" : "s")")
        }
        return store
    }
}
