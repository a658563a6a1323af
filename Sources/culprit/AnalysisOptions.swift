import ArgumentParser
import CulpritModel
import CulpritCorrelate
import Foundation

/// Options of the commands that rank suspects (`analyze`, `report`).
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var changeRecords: ChangeRecordOptions

    @Option(help: ArgumentHelp("Start of the window: RFC 3339 time, or a duration back (90m, 24h).", valueName: "T"))
    var since: String?

    @Option(help: ArgumentHelp("End of the window: RFC 3339 time, or a duration back.", valueName: "T"))
    var until: String?

    @Option(name: .customLong("relative-to"), help: ArgumentHelp("What durations count back from: now, or last-event (for archives).", valueName: "ANCHOR"))
    var anchor: TimeWindowSpec.Anchor?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when the top suspect is at least this sure (likely, possible); exit 4 on no-data: the window holds no log line, or nothing was recognised. Repeatable.", valueName: "WHEN"))
    var failOn: [FailOn] = []

    @Option(name: .customLong("repo"), help: ArgumentHelp("A local git clone of a service's code (NAME= for one service): rank the top suspect's commits against its stack traces.", valueName: "[NAME=]PATH"))
    var repoArguments: [String] = []

    @Option(help: ArgumentHelp("Leak test: Mann-Kendall p-value threshold.", valueName: "P"))
    var leakP: Double = DetectionOptions().leakPValue

    @Option(help: ArgumentHelp("Leak test: smallest growth counted, MB per minute.", valueName: "MB"))
    var leakMinMbPerMin: Double = DetectionOptions().leakMinimumBytesPerMinute / 1_048_576

    @Option(help: ArgumentHelp("Error spike: smallest rise over the baseline rate counted.", valueName: "RATIO"))
    var spikeRatio: Double = DetectionOptions().spikeMinimumRatio

    @Option(help: ArgumentHelp("Error and latency spikes: window in minutes.", valueName: "MIN"))
    var spikeWindow: Int = DetectionOptions().spikeWindowMinutes

    func validate() throws {
        guard leakP.isFinite, leakP > 0, leakP < 1 else {
            throw ValidationError("--leak-p \(leakP) must be a p-value between 0 and 1 (for example 0.01)")
        }
        guard leakMinMbPerMin.isFinite, leakMinMbPerMin >= 0 else {
            throw ValidationError("--leak-min-mb-per-min \(leakMinMbPerMin) must be a finite number of MB per minute, 0 or more")
        }
        guard spikeRatio.isFinite, spikeRatio >= 1 else {
            throw ValidationError("--spike-ratio \(spikeRatio) must be a finite ratio of at least 1 (for example 4)")
        }
        guard (1...1440).contains(spikeWindow) else {
            throw ValidationError("--spike-window \(spikeWindow) must be between 1 and 1440 minutes")
        }
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case likely, possible
        case noData = "no-data"
    }

    var detection: DetectionOptions {
        var options = DetectionOptions()
        options.leakPValue = leakP
        options.leakMinimumBytesPerMinute = leakMinMbPerMin * 1_048_576
        options.spikeMinimumRatio = spikeRatio
        options.spikeWindowMinutes = spikeWindow
        return options
    }

    /// `--repo [NAME=]PATH`, for the suspect commits.
    var suspectCommits: SuspectCommitFinder { SuspectCommitFinder(repositories: repoArguments.map(SuspectCommitFinder.Repository.init(argument:))) }

    func window(zone: TimeZone, defaultAnchor: TimeWindowSpec.Anchor) -> TimeWindowSpec {
        do {
            return try TimeWindowSpec(since: since, until: until, anchor: anchor ?? defaultAnchor, zone: zone)
        } catch {
            exitWithError(error.description)
        }
    }

    func records(zone: TimeZone, diagnostics: Diagnostics) -> [ChangeMarker] {
        changeRecords.records(zone: zone, diagnostics: diagnostics)
    }

    /// The contract's exit status for a finished run: 4 for `--fail-on no-data`
    /// when there was nothing to judge, 1 for a suspect at least as sure as asked.
    func exitCode(for findings: Findings) -> ExitCode {
        if failOn.contains(.noData), findings.emptyWindow != nil || findings.lacksData { return .noData }
        guard let top = findings.suspects.first else { return .success }
        for threshold in failOn {
            switch (threshold, top.verdict) {
            case (.likely, .likely), (.possible, .likely), (.possible, .possible): return ExitCode(1)
            default: continue
            }
        }
        return .success
    }
}

extension TimeWindowSpec.Anchor: ExpressibleByArgument {}
