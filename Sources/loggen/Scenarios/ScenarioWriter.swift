import Foundation

/// Writes a scenario into its folder under the samples directory: the logs, the
/// deploys file, `expected.json` and `README.md`.
///
/// The folder is emptied first, so a regenerated scenario never keeps a file an
/// older loggen wrote.
struct ScenarioWriter {
    /// The samples directory, e.g. `samples`.
    var root: String

    /// Builds and writes `scenario`; returns the bytes written. Appends to
    /// `eventLines` one `PATH:LINE SERVICE KIND…` row per record that must yield
    /// events (paths as `culprit extract` prints them in `ref`).
    @discardableResult
    func write(_ scenario: some SampleScenario, eventLines: inout [String]) throws -> Int {
        var random = SplitMix64(named: scenario.folder)
        let files = scenario.build(using: &random)
        let folder = root + "/" + scenario.folder
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder) {
            try fileManager.removeItem(atPath: folder)
        }
        var total = 0
        var events = EventTally()
        for log in files.logs {
            events.merge(log.tally)
            for row in log.eventLines() {
                eventLines.append("\(folder)/\(log.path):\(row.line) \(row.service) "
                    + row.kinds.map(\.rawValue).joined(separator: " "))
            }
            total += try writeFile(folder + "/" + log.path, log.contents())
        }
        if let deploys = files.deploys {
            total += try writeFile(folder + "/" + deploys.name, deploys.contents())
        }
        total += try writeFile(folder + "/expected.json", Array(files.expected.json(events: events).utf8))
        total += try writeFile(folder + "/README.md", Array(files.readme.utf8))
        return total
    }

    /// Removes `root` and everything in it, so a folder written again keeps no file
    /// an older run wrote.
    func emptyRoot() throws {
        if FileManager.default.fileExists(atPath: root) {
            try FileManager.default.removeItem(atPath: root)
        }
    }

    /// Writes `bytes` at `path` inside `root`, creating the folders on the way.
    @discardableResult
    func write(_ path: String, _ bytes: [UInt8]) throws -> Int {
        try writeFile(root + "/" + path, bytes)
    }

    /// Writes the samples directory's own README.md.
    func writeIndex(_ text: String) throws {
        _ = try writeFile(root + "/README.md", Array(text.utf8))
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws -> Int {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LoggenError.cannotCreateDirectory(directory, underlying: "\(error)")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw LoggenError.cannotWrite(path)
        }
        return bytes.count
    }
}
