import ArgumentParser
import CulpritModel
import CulpritCorrelate
import CulpritClickHouse
import Foundation

/// `--deploys` and `--service-alias`: the change records of `analyze`, `report` and `watch`.
struct ChangeRecordOptions: ParsableArguments {
    @Option(name: .customLong("deploys"), help: ArgumentHelp(
        "Change records: CSV or JSON Lines (time,service,version[,kind,sha,actor]), helm history, argocd app, kubectl get replicasets|deployments|events, or GitHub deployments, as JSON or YAML; or a ClickHouse table with those columns (clickhouse://HOST:PORT/DB[?table=T], table changes by default). NAME= names the service (a Helm release). Repeatable.",
        valueName: "[NAME=]FILE"))
    var deployFiles: [String] = []

    @Option(name: .customLong("service-alias"), help: ArgumentHelp(
        "Change records that name RECORD are about the logs' service LOGS (when culprit cannot tell by the names). Repeatable.",
        valueName: "RECORD=LOGS"))
    var serviceAliasArguments: [String] = []

    func validate() throws {
        for argument in serviceAliasArguments where Self.alias(argument) == nil {
            throw ValidationError("--service-alias '\(argument)' is not RECORD=LOGS (for example auth=auth-service)")
        }
    }

    /// The rows of the change-records table at `address`, as JSON Lines; exits on a bad address or a failed query.
    private static func fetchTable(_ address: String) -> [UInt8] {
        do {
            return try ClickHouseChangeRecords.fetch(try ClickHouseAddress(parsing: address, defaultTable: ClickHouseChangeRecords.defaultTable))
        } catch {
            exitWithError("--deploys \(error)")
        }
    }

    /// RECORD → LOGS.
    var serviceAliases: [String: String] {
        Dictionary(serviceAliasArguments.compactMap(Self.alias), uniquingKeysWith: { _, last in last })
    }

    private static func alias(_ argument: String) -> (String, String)? {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }

    /// Every file's changes; their notes and warnings go to `diagnostics`. Exits 2
    /// on a file that cannot be read or is no change record.
    func records(zone: TimeZone, diagnostics: Diagnostics) -> [ChangeMarker] {
        var files = [ChangeRecordFile]()
        let reader = DeployRecordReader(zone: zone)
        for source in deployFiles.map(ChangeRecordSource.init(argument:)) {
            do {
                if source.path.hasPrefix("clickhouse://") {
                    files.append(try reader.read(source, contents: Data(Self.fetchTable(source.path))))
                } else {
                    files.append(try reader.read(source))
                }
            } catch {
                exitWithError(error.description)
            }
        }
        for file in files {
            for warning in file.warnings { diagnostics.warn(warning) }
            for note in file.notes { diagnostics.note(note) }
        }
        return files.flatMap(\.markers)
    }
}
