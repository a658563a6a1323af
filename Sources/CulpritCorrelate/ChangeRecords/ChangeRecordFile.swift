import CulpritModel

/// What one `--deploys` file held: its changes, and what the person running
/// culprit should know about how they were read.
public struct ChangeRecordFile: Sendable {
    public var source: ChangeRecordSource
    /// nil when the file held nothing to detect a format from.
    public var format: ChangeRecordFormat?
    public var markers: [ChangeMarker]
    /// Facts worth one line on stderr (a rollback Kubernetes keeps no time for).
    public var notes: [String]
    /// Problems that did not stop the run (an empty file).
    public var warnings: [String]

    /// What `source` held, read as `format`.
    public init(source: ChangeRecordSource, format: ChangeRecordFormat?, markers: [ChangeMarker], notes: [String] = [], warnings: [String] = []) {
        self.source = source
        self.format = format
        self.markers = markers
        self.notes = notes
        self.warnings = warnings
    }
}
