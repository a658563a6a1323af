import Foundation
import Testing

/// `extract --sink` and `analyze --source` against a real two-shard ClickHouse
/// cluster on loopback: two shippers standing in for two hosts, a `Distributed`
/// table over both shards, the findings equal to a local run's, and no event
/// lost or doubled when a server dies mid-stream.
@Suite(.serialized, .enabled(if: ClickHouseCluster.isInstalled, "clickhouse-server is not installed (scripts/install-deps.sh test installs it)"))
struct ClickHouseTests {
    static let incident = "samples/2025-03-12-auth-leak"

    /// The JSON findings without `inputs` (a store run reads no files).
    static func findings(_ json: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        var trimmed = object
        trimmed["inputs"] = nil
        return trimmed as NSDictionary
    }

    @Test func twoHostsOnTwoShardsGiveTheFindingsOfALocalRun() throws {
        let cluster = try ClickHouseCluster()
        defer { cluster.stop() }
        let logs = Self.incident + "/logs"
        // Host a ships the gateway and the database to shard 0, host b the auth service to shard 1.
        let first = try CulpritBinary.run(["extract", logs + "/api-gateway", logs + "/postgres", "--sink", cluster.address(0, database: "fleet"), "--host", "host-a"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("from host-a to"), "\(first.stderr)")
        let second = try CulpritBinary.run(["extract", logs + "/auth-service", "--sink", cluster.address(1, database: "fleet"), "--host", "host-b"])
        #expect(second.status == 0, "\(second.stderr)")
        // Shipping host b again (a rerun after a crash) must not count its events twice.
        let again = try CulpritBinary.run(["extract", logs + "/auth-service", "--sink", cluster.address(1, database: "fleet"), "--host", "host-b"])
        #expect(again.status == 0, "\(again.stderr)")
        try cluster.query(0, "CREATE TABLE fleet.events_all AS fleet.events ENGINE = Distributed(culprit_cluster, fleet, events, cityHash64(host))")
        try cluster.query(0, "CREATE TABLE fleet.events_all_inputs AS fleet.events_inputs ENGINE = Distributed(culprit_cluster, fleet, events_inputs, cityHash64(host))")

        let local = try CulpritBinary.run(["analyze", logs, "--deploys", Self.incident + "/deploys.csv", "--format", "json"])
        let stored = try CulpritBinary.run(["analyze", "--source", cluster.address(0, database: "fleet", table: "events_all"),
                                            "--deploys", Self.incident + "/deploys.csv", "--format", "json"])
        #expect(stored.status == local.status, "\(stored.stderr)")
        let localFindings = try Self.findings(local.stdout)
        let storedFindings = try Self.findings(stored.stdout)
        #expect(localFindings == storedFindings)
        #expect(stored.stdout.contains("auth-service"))
        // What each file gave, as the shippers recorded it (host b's rerun replaces its first account).
        let localInputs = try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any]
        let storedInputs = try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as? [String: Any]
        let expectedInputs = try #require(localInputs?["inputs"] as? [[String: Any]])
        #expect(expectedInputs.count == 5)
        #expect((expectedInputs as NSArray) == (storedInputs?["inputs"] as? [[String: Any]] ?? []) as NSArray)
        // Every event once through the Distributed table, on both shards.
        let extracted = try CulpritBinary.run(["extract", logs]).stdout.split(separator: "\n").count
        #expect(try cluster.query(0, "SELECT count() FROM fleet.events_all FINAL") == String(extracted))
        #expect(try Int(cluster.query(1, "SELECT count() FROM fleet.events")) ?? 0 > 0)
        #expect(try cluster.query(0, "SELECT uniqExact(host) FROM fleet.events_all") == "2")
    }

    @Test func aServerKilledMidStreamLosesAndDoublesNothing() throws {
        let cluster = try ClickHouseCluster(servers: 1)
        defer { cluster.stop() }
        let directory = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 16 files of 15,000 access-log lines each, 1 in 50 a 503.
        for file in 0..<16 {
            var text = ""
            for index in 0..<15_000 {
                let second = index * 3600 / 15_000
                let status = index % 50 == 0 ? 503 : 200
                text += String(format: "10.0.%d.%d - - [12/Mar/2025:%02d:%02d:%02d +0000] \"GET /api/v1/items/%d HTTP/1.1\" %d 512 \"-\" \"curl/8.5\" %.3f\n",
                               file, index % 250, file, second / 60, second % 60, index, status, Double(index % 90) / 1000)
            }
            try Data(text.utf8).write(to: directory.appendingPathComponent(String(format: "access-%02d.log", file)))
        }
        let shipper = Process()
        shipper.executableURL = URL(fileURLWithPath: CulpritBinary.path)
        shipper.arguments = ["extract", directory.path, "--sink", cluster.address(0, database: "faults"), "--host", "web-1", "--batch-mb", "1"]
        let errors = Pipe()
        shipper.standardOutput = FileHandle.nullDevice
        shipper.standardError = errors
        try shipper.run()
        // Once a first batch is in, the server dies while the shipper goes on reading.
        let deadline = Date().addingTimeInterval(60)
        var shipped = 0
        while Date() < deadline, shipped == 0, shipper.isRunning {
            shipped = Int((try? cluster.query(0, "SELECT count() FROM faults.events")) ?? "") ?? 0
            if shipped == 0 { Thread.sleep(forTimeInterval: 0.02) }
        }
        try cluster.kill(0)
        #expect(shipped > 0 && shipped < 240_000, "the fault did not come mid-stream: \(shipped) events in before it")
        Thread.sleep(forTimeInterval: 2)
        try cluster.restart(0)
        shipper.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(shipper.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("cannot be reached") && stderr.contains("try 2 of"), "no retry was needed: \(stderr)")

        let local = try CulpritBinary.run(["extract", directory.path])
        let expected = local.stdout.split(separator: "\n").count
        #expect(expected == 240_000)
        #expect(try cluster.query(0, "SELECT count() FROM faults.events FINAL") == String(expected))
        #expect(try cluster.query(0, "SELECT uniqExact(path, line) FROM faults.events") == String(expected))
        // And the analysis over the store is the local one.
        let localFindings = try CulpritBinary.run(["analyze", directory.path, "--format", "json"])
        let storedFindings = try CulpritBinary.run(["analyze", "--source", cluster.address(0, database: "faults"), "--format", "json"])
        #expect(try Self.findings(localFindings.stdout) == Self.findings(storedFindings.stdout))
    }

    @Test func watchShipsWhatItFollowsAndARestartedShipperAddsOnlyNewLines() throws {
        let cluster = try ClickHouseCluster(servers: 1)
        defer { cluster.stop() }
        let directory = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        func append(_ range: ClosedRange<Int>) throws {
            let text = range.map { String(format: "2025-03-12T01:%02d:%02dZ ERROR upstream timed out id=%d\n", $0 / 60 % 60, $0 % 60, $0) }.joined()
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }
        try Data().write(to: log)
        try append(1...50)
        func startShipper() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
            process.arguments = ["watch", log.path, "--sink", cluster.address(0, database: "live"), "--host", "web-1", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        func count(reaching expected: Int) -> String {
            cluster.answer(0, "SELECT count() FROM live.events FINAL", reaching: String(expected))
        }
        let first = try startShipper()
        #expect(count(reaching: 50) == "50")
        try append(51...80)
        #expect(count(reaching: 80) == "80", "lines appended while it follows are shipped")
        first.terminate()
        first.waitUntilExit()
        try append(81...90)
        let second = try startShipper()
        #expect(count(reaching: 90) == "90", "the restarted shipper adds the new lines and doubles none")
        second.terminate()
        second.waitUntilExit()
        #expect(try cluster.query(0, "SELECT uniqExact(line) FROM live.events") == "90")
    }

    /// With `--state`, a restarted shipper goes on at each file's offset and
    /// sends only what is new, also when rotation renamed the file meanwhile.
    @Test func watchWithStateGoesOnWhereItStoppedThroughARotation() throws {
        let cluster = try ClickHouseCluster(servers: 1)
        defer { cluster.stop() }
        let directory = try CulpritBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("app.log")
        let state = directory.appendingPathComponent("state")
        func append(_ range: ClosedRange<Int>, to file: URL) throws {
            let text = range.map { String(format: "2025-03-12T02:%02d:%02dZ ERROR upstream timed out id=%d\n", $0 / 60 % 60, $0 % 60, $0) }.joined()
            if !FileManager.default.fileExists(atPath: file.path) { try Data().write(to: file) }
            let handle = try FileHandle(forWritingTo: file)
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }
        func count(reaching expected: Int) -> String {
            cluster.answer(0, "SELECT count() FROM resume.events FINAL", reaching: String(expected))
        }
        /// Ships until `expected` events are stored, stops, and returns what it said on stderr.
        func ship(until expected: Int) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CulpritBinary.path)
            process.arguments = ["watch", log.path, "--sink", cluster.address(0, database: "resume"), "--host", "web-1", "--state", state.path]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            #expect(count(reaching: expected) == String(expected))
            process.terminate()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(said)")
            return said
        }
        try append(1...40, to: log)
        let first = try ship(until: 40)
        #expect(first.contains("shipped 40 events"), "\(first)")
        let saved = try String(contentsOf: state.appendingPathComponent("follow-checkpoints"), encoding: .utf8)
        #expect(saved.hasPrefix("culprit-checkpoints 1 "))

        try append(41...55, to: log)
        let second = try ship(until: 55)
        #expect(second.contains("going on from 1 checkpoint"), "\(second)")
        #expect(second.contains("shipped 15 events"), "only the appended lines are sent again: \(second)")

        // While no shipper runs: more lines, a rename rotation, and a new file.
        try append(56...60, to: log)
        try FileManager.default.moveItem(at: log, to: directory.appendingPathComponent("app.log.1"))
        try append(61...70, to: log)
        let third = try ship(until: 70)
        #expect(third.contains("rotated since the last run"), "\(third)")
        #expect(third.contains("shipped 15 events"), "the rotated file's rest and the new file, nothing twice: \(third)")
        // Line numbers go on across the restarts: the rotated file's rest is lines 56-60, not 1-5 again.
        #expect(try cluster.query(0, "SELECT count() FROM resume.events FINAL WHERE line > 55") == "5")
        #expect(try cluster.query(0, "SELECT count() FROM resume.events") == "70", "no row was sent twice")
    }

    /// `--deploys clickhouse://…`: change records kept in a table give the
    /// findings of the same records in a CSV file; a missing table is one line.
    @Test func changeRecordsInATableGiveTheFindingsOfTheSameCSV() throws {
        let cluster = try ClickHouseCluster(servers: 1)
        defer { cluster.stop() }
        try cluster.query(0, "CREATE DATABASE ops")
        try cluster.query(0, "CREATE TABLE ops.changes (time DateTime, service String, version String, kind String, sha String, actor String) ENGINE = MergeTree ORDER BY time")
        let csv = try String(contentsOfFile: Self.incident + "/deploys.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { line -> String in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return "(parseDateTimeBestEffort('\(fields[0])'), " + fields.dropFirst().map { "'\($0)'" }.joined(separator: ", ") + ")"
        }
        #expect(rows.count == 3)
        try cluster.query(0, "INSERT INTO ops.changes VALUES " + rows.joined(separator: ", "))
        let logs = Self.incident + "/logs"
        let fromFile = try CulpritBinary.run(["analyze", logs, "--deploys", Self.incident + "/deploys.csv", "--format", "json"])
        let fromTable = try CulpritBinary.run(["analyze", logs, "--deploys", cluster.address(0, database: "ops"), "--format", "json"])
        #expect(fromTable.status == fromFile.status, "\(fromTable.stderr)")
        // The same findings, with each record cited by its row of the table (time order) instead of its CSV line.
        var cited = fromFile.stdout
        for line in 2...4 {
            cited = cited.replacingOccurrences(of: "\(Self.incident)/deploys.csv:\(line)\"", with: "\(cluster.address(0, database: "ops")):\(line - 1)\"")
        }
        #expect(cited != fromFile.stdout)
        #expect(try Self.findings(cited) == Self.findings(fromTable.stdout))
        #expect(fromTable.stdout.contains("\"version\": \"2.3.1\""))

        let missing = try CulpritBinary.run(["analyze", logs, "--deploys", cluster.address(0, database: "ops", table: "nowhere")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no table ops.nowhere"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }
}
