import ArgumentParser
import CulpritExtract
import Foundation

/// Options every command that reads logs shares.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA zone for timestamps without an offset.", valueName: "ZONE"))
    var timeZone: String = "UTC"

    @Option(help: ArgumentHelp("Year for timestamps without one (syslog); default: from each file's modification time.", valueName: "YYYY"))
    var year: Int?

    @Option(name: .customLong("patterns"), help: ArgumentHelp("Extra pattern packs (*.yaml) on top of the built-in set.", valueName: "DIR"))
    var patternDirectories: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp("Name the service of files whose path matches GLOB.", valueName: "NAME=GLOB"))
    var serviceRules: [String] = []

    @Flag(name: [.short, .long], help: "No warnings on stderr (errors are still printed).")
    var quiet = false

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
