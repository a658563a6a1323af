import Foundation
import CulpritModel
import CulpritIngest

/// Everything that shapes extraction and is the same for every file of a run.
public struct ExtractionSettings: Sendable {
    /// The patterns events are extracted with.
    public var patterns: PatternSet
    /// The zone for timestamps without an offset (`--tz`, default UTC).
    public var zone: TimeZone
    /// The year for timestamps without one (`--year`); nil infers it per file.
    public var year: Int?
    /// How files are given service names (`--service NAME=GLOB`).
    public var naming: ServiceNaming
    /// A line longer than this many bytes is cut there and the rest of it skipped (counted, and warned about).
    public var maxLineLength: Int

    /// Settings for a run: the patterns, the zone for times without an offset, the year for times without one.
    public init(patterns: PatternSet, zone: TimeZone = TimeZone(identifier: "UTC")!, year: Int? = nil,
                naming: ServiceNaming = ServiceNaming(), maxLineLength: Int = 1 << 20) {
        self.patterns = patterns
        self.zone = zone
        self.year = year
        self.naming = naming
        self.maxLineLength = maxLineLength
    }
}

/// What is known about one file before its lines are read.
package struct FileContext: Sendable {
    package var file: InputFile
    package var envelope: EnvelopeKind
    /// The service named by the path (used when a line names none).
    package var pathService: String
    /// Whether the path names a service (not a system-wide log like `syslog` or
    /// `messages`, nor a file whose lines name their sources, like a journal export).
    package var pathNamesService: Bool { !envelope.namesSourcePerLine && !Self.systemLogNames.contains(pathService.lowercased()) }

    /// Logs of the machine or of the node agents, which speak about many services
    /// (kubelet's OOM kill names the container it killed).
    static let systemLogNames: Set<String> = ["syslog", "messages", "kern", "kernel", "dmesg", "journal", "daemon", "stdin", "user", "system",
                                              "kubelet", "containerd", "dockerd", "docker", "crio", "kube-proxy", "events"]

    /// A `--service` rule that names this file's service, overriding the lines.
    package var overrideService: String?
    /// Year for year-less timestamps, and the latest instant they may be inferred to.
    package var defaultYear: Int
    package var latestPlausible: Int64
    /// The file's first year-less time, when its first lines have one (`YearAnchor`).
    package var yearAnchor: Int64?

    /// The timestamp parser for this file's lines.
    package func timestampParser(zone: ZoneResolver) -> TimestampParser {
        TimestampParser(zone: zone, defaultYear: defaultYear, latestPlausible: latestPlausible, yearAnchor: yearAnchor)
    }

    /// Finds the year anchor in the file's first chunk (unless `--year` fixes the year).
    package mutating func anchorYears(firstChunk: [UInt8], settings: ExtractionSettings) {
        guard settings.year == nil else { return }
        yearAnchor = YearAnchor.first(in: firstChunk, parser: timestampParser(zone: ZoneResolver(zone: settings.zone)))
    }

    /// `yearReference` (epoch seconds) is when the run's other logs say they are
    /// from; year-less times are placed in its year (or the one before), which beats
    /// a modification time that a copy or a checkout has reset.
    package init(file: InputFile, envelope: EnvelopeKind, settings: ExtractionSettings, yearReference: Int64? = nil,
                now: Int64 = Int64(Date().timeIntervalSince1970)) {
        self.file = file
        self.envelope = envelope
        pathService = settings.naming.serviceFromPath(file.displayPath)
        overrideService = settings.naming.override(for: file.displayPath)
        let reference = yearReference.map { $0 + 30 * 86_400 } ?? file.modificationTime ?? now
        latestPlausible = settings.year == nil ? reference : .max / 4
        defaultYear = settings.year ?? CivilTime.civilFromDays(Int(reference / 86_400)).year
    }
}
