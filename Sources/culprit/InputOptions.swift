import ArgumentParser
import CulpritModel
import CulpritIngest
import CulpritExtract
import Foundation

/// Options every command that reads logs shares.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA zone for timestamps without an offset (default UTC).", valueName: "ZONE"))
    var givenTimeZone: String?

    /// `--tz`, UTC when not given.
    var timeZone: String { givenTimeZone ?? "UTC" }

    @Option(help: ArgumentHelp("Year for timestamps without one (syslog); default: from each file's modification time.", valueName: "YYYY"))
    var year: Int?

    @Option(name: .customLong("patterns"), help: ArgumentHelp("Extra pattern packs (*.yaml) on top of the built-in set.", valueName: "DIR"))
    var patternDirectories: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("Name the service of files whose path matches GLOB.", valueName: "NAME=GLOB"))
    var serviceRules: [String] = []

    @Flag(name: [.short, .long], help: "No warnings on stderr (errors are still printed).")
    var quiet = false

    @Flag(help: "Exit 2 when any input could not be read (after writing the output).")
    var strict = false

    /// The files `paths` name, standard input when none is given. Nothing given on
    /// a terminal is a usage error rather than a silent wait for typed logs; paths
    /// that cannot be read are named on stderr (and counted for `--strict`).
    func files(_ paths: [String], diagnostics: Diagnostics, standardInputIsTerminal: Bool = isatty(0) == 1) -> (files: [InputFile], unreadable: Int) {
        if paths.isEmpty, standardInputIsTerminal {
            exitWithError("no PATH given and standard input is a terminal: name the logs to read (culprit analyze logs/) or pipe them in")
        }
        let (files, errors) = InputExpander.expand(paths.isEmpty ? ["-"] : paths)
        for error in errors { diagnostics.error(error.description) }
        if files.isEmpty { if errors.isEmpty { exitWithError("nothing to read") } else { Foundation.exit(2) } }
        return (files, errors.count)
    }

    /// With `--strict`, exits 2 when an input could not be read: a path, or a file
    /// the pipeline could not open (each already named on stderr).
    func enforceStrict(unreadablePaths: Int, accounts: [InputAccount]) {
        guard strict else { return }
        let unreadable = unreadablePaths + accounts.filter { $0.format == "unreadable" }.count
        if unreadable > 0 { exitWithError("--strict: \(unreadable) input\(unreadable == 1 ? "" : "s") could not be read") }
    }

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("unknown time zone '\(timeZone)': use an IANA name such as Africa/Lagos or UTC")
        }
        if let year, !(1970...2199).contains(year) {
            throw ValidationError("--year \(year) is out of range (1970-2199)")
        }
        for rule in serviceRules where ServiceNaming.Rule(argument: rule) == nil {
            throw ValidationError("--service '\(rule)' is not NAME=GLOB (for example auth=*/auth/*.log)")
        }
    }

    /// The extraction settings these options describe; exits 2 on a bad pattern pack.
    func settings() throws -> ExtractionSettings {
        let patterns: PatternSet
        do {
            patterns = try PatternSet.load(extraDirectories: patternDirectories)
        } catch {
            throw CommandFailure(message: error.description, code: .usage)
        }
        return ExtractionSettings(
            patterns: patterns,
            zone: TimeZone(identifier: timeZone)!,
            year: year,
            naming: ServiceNaming(rules: serviceRules.compactMap(ServiceNaming.Rule.init(argument:)))
        )
    }
}
