import CulpritModel

/// `helm history RELEASE -o json` (or `-o yaml`): a list of revisions, each
/// `{"revision", "updated", "status", "chart", "app_version", "description"}`.
///
/// - time: `updated`; version: `app_version`, else the chart's version from
///   `chart` (`auth-1.4.2` → 1.4.2);
/// - a description `Rollback to N` (Helm 3; Helm 2 wrote `Rolled back to N`)
///   makes a rollback, any other revision a deploy; an uninstalled revision is
///   no running version and is skipped;
/// - the release name is not in the output: it is `NAME` of
///   `--deploys NAME=FILE`, else the file's name up to its first dot.
enum HelmHistoryRecords: StructuredChangeFormat {
    static let format = ChangeRecordFormat.helmHistory

    static func recognizes(_ document: RecordDocument) -> Bool {
        guard let first = document.items.first else { return false }
        return first.keys.isSuperset(of: ["revision", "updated", "chart"])
    }

    static func read(_ document: RecordDocument, context: ChangeRecordContext) throws(ChangeRecordError) -> (markers: [ChangeMarker], notes: [String]) {
        let release = context.source.name ?? context.source.fileStem
        let revisions = document.items.sorted { (Int($0["revision"]?.string ?? "") ?? 0) < (Int($1["revision"]?.string ?? "") ?? 0) }
        var markers = [ChangeMarker]()
        for entry in revisions {
            let revision = entry["revision"]?.string ?? "?"
            let status = entry["status"]?.string
            if status == "uninstalled" || status == "uninstalling" { continue }
            let time = try context.requiredTime(entry["updated"]?.string, field: "updated", entry: "revision \(revision)", line: entry.line)
            let chart = entry["chart"]?.string
            let description = entry["description"]?.string
            let lowered = description?.lowercased() ?? ""
            let isRollback = lowered.hasPrefix("rollback to") || lowered.hasPrefix("rolled back to")
            let text = ["helm \(release) revision \(revision)", chart, entry["app_version"]?.string.map { "app \($0)" }, status, description]
                .compactMap { $0 }.joined(separator: ", ")
            markers.append(ChangeMarker(service: release, version: entry["app_version"]?.string ?? chart.flatMap(VersionText.chartVersion),
                                        kind: isRollback ? .rollback : .deploy, time: time,
                                        evidence: context.evidence(line: entry.line, time: time, text: text)))
        }
        ChangeSequence.fillPreviousVersions(&markers)
        return (markers, [])
    }
}
