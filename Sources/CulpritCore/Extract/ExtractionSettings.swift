import Foundation

/// Everything that shapes extraction and is the same for every file of a run.
public struct ExtractionSettings: Sendable {
    public var patterns: PatternSet
    /// The zone for timestamps without an offset (`--tz`, default UTC).
    public var zone: TimeZone
    /// The year for timestamps without one (`--year`); nil infers it per file.
    public var year: Int?
    public var naming: ServiceNaming
    public var maxLineLength: Int

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
public struct FileContext: Sendable {
    public var file: InputFile
    public var envelope: EnvelopeKind
    /// The service named by the path (used when a line names none).
    public var pathService: String
    /// A `--service` rule that names this file's service, overriding the lines.
    public var overrideService: String?
    /// Year for year-less timestamps, and the latest instant they may be inferred to.
    public var defaultYear: Int
    public var latestPlausible: Int64

    public init(file: InputFile, envelope: EnvelopeKind, settings: ExtractionSettings, now: Int64 = Int64(Date().timeIntervalSince1970)) {
        self.file = file
        self.envelope = envelope
        pathService = settings.naming.serviceFromPath(file.displayPath)
        overrideService = settings.naming.override(for: file.displayPath)
        let reference = file.modificationTime ?? now
        latestPlausible = settings.year == nil ? reference : .max / 4
        defaultYear = settings.year ?? CivilTime.civilFromDays(Int(reference / 86_400)).year
    }
}
