import ArgumentParser
import CulpritModel
import CulpritRender
import Foundation

/// `--display-tz ZONE`: the zone of every time shown to people (table,
/// Markdown, HTML, watch's alert lines); JSON and NDJSON stay UTC. Default:
/// `--tz` when given, else the `TZ` environment variable, else UTC.
struct DisplayZoneOption: ParsableArguments {
    @Option(name: .customLong("display-tz"), help: ArgumentHelp("Zone of the times shown to people (default: --tz, else $TZ, else UTC); JSON stays UTC.", valueName: "ZONE"))
    var zoneName: String?

    func validate() throws {
        if let zoneName, TimeZone(identifier: zoneName) == nil {
            throw ValidationError("unknown time zone '\(zoneName)' for --display-tz: use an IANA name such as Africa/Lagos or UTC")
        }
    }

    /// The reader's clock: `--display-tz`, else `--tz`, else `TZ`, else UTC.
    /// A `TZ` that names no zone is one warning, and UTC.
    func clock(inputZone: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
               diagnostics: Diagnostics) -> DisplayClock {
        if let name = zoneName ?? inputZone, let clock = DisplayClock(identifier: name) { return clock }
        guard let variable = environment["TZ"], !variable.isEmpty else { return .utc }
        if let clock = Self.zoneName(fromEnvironment: variable).flatMap(DisplayClock.init(identifier:)) { return clock }
        diagnostics.warn("TZ='\(variable)' names no time zone culprit knows; times are shown in UTC (--display-tz ZONE sets the zone)")
        return .utc
    }

    /// The zone a `TZ` value names: `Africa/Lagos`, `:Africa/Lagos`, or a path
    /// into a zoneinfo folder (`/usr/share/zoneinfo/Africa/Lagos`).
    static func zoneName(fromEnvironment value: String) -> String? {
        var name = Substring(value)
        if name.hasPrefix(":") { name = name.dropFirst() }
        if let range = name.range(of: "zoneinfo/") { name = name[range.upperBound...] }
        return name.isEmpty ? nil : String(name)
    }
}
