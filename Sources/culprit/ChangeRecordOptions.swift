import ArgumentParser
import CulpritCore
import Foundation

/// `--deploys`: the change records of `analyze`, `report` and `watch`.
struct ChangeRecordOptions: ParsableArguments {
    @Option(name: .customLong("deploys"), help: ArgumentHelp(
        "Change records: CSV or JSON Lines (time,service,version[,kind,sha,actor]), helm history, argocd app, kubectl get replicasets|deployments|events, or GitHub deployments, as JSON or YAML. NAME= names the service (a Helm release). Repeatable.",
        valueName: "[NAME=]FILE"))
    var deployFiles: [String] = []

    /// Every file's changes; their notes and warnings go to `diagnostics`. Exits 2
    /// on a file that cannot be read or is no change record.
    func records(zone: TimeZone, diagnostics: Diagnostics) -> [ChangeMarker] {
        let files: [ChangeRecordFile]
        do {
            files = try DeployRecordReader(zone: zone).read(deployFiles.map(ChangeRecordSource.init(argument:)))
        } catch {
            exitWithError(error.description)
        }
        for file in files {
            for warning in file.warnings { diagnostics.warn(warning) }
            for note in file.notes { diagnostics.note(note) }
        }
        return files.flatMap(\.markers)
    }
}
