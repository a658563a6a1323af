import CulpritModel

/// What one `--deploys` file held: its changes, and what the person running
/// culprit should know about how they were read.
package struct ChangeRecordFile: Sendable {
    package var source: ChangeRecordSource
    /// nil when the file held nothing to detect a format from.
    package var format: ChangeRecordFormat?
    package var markers: [ChangeMarker]
    /// Facts worth one line on stderr (a rollback Kubernetes keeps no time for).
    package var notes: [String]
    /// Problems that did not stop the run (an empty file).
    package var warnings: [String]

    /// What `source` held, read as `format`.
    package init(source: ChangeRecordSource, format: ChangeRecordFormat?, markers: [ChangeMarker], notes: [String] = [], warnings: [String] = []) {
        self.source = source
        self.format = format
        self.markers = markers
        self.notes = notes
        self.warnings = warnings
    }
}
