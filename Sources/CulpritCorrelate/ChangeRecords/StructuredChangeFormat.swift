import CulpritModel

/// A change record format that is one JSON or YAML document (what `helm`,
/// `argocd`, `kubectl` and GitHub's API print). A new one is a new conformer in
/// its own file and one entry in `all`.
protocol StructuredChangeFormat {
    static var format: ChangeRecordFormat { get }

    /// Whether `document` has this format's shape (its keys, not its file name).
    static func recognizes(_ document: RecordDocument) -> Bool

    /// The changes `document` records, with notes about what it cannot say.
    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String])
}

enum StructuredChangeFormats {
    /// Tried in order; the first that recognizes a document reads it.
    static var all: [any StructuredChangeFormat.Type] { [
        HelmHistoryRecords.self,
        ArgoCDAppRecords.self,
        KubernetesWorkloadRecords.self,
        KubernetesEventRecords.self,
        GitHubDeploymentRecords.self,
    ] }

    /// Whether `document` holds nothing to read: an empty list, or a
    /// Kubernetes list with no items.
    static func isEmpty(_ document: RecordDocument) -> Bool {
        (document.isArray && document.items.isEmpty) || (document["items"]?.isArray == true && document["items"]?.items.isEmpty == true)
    }
}
