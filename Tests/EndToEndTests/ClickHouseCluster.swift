import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A local two-shard ClickHouse cluster for the tests (scripts/clickhouse/cluster.sh),
/// on loopback ports of its own, removed when stopped.
final class ClickHouseCluster {
    static let script = CulpritBinary.packageRoot.appendingPathComponent("scripts/clickhouse/cluster.sh").path

    /// Whether clickhouse-server is installed (scripts/install-deps.sh test installs it).
    static var isInstalled: Bool {
        ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server", "/usr/bin/clickhouse"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let directory: URL
    /// The HTTP port of each server, shard order.
    let ports: [Int]

    init(servers: Int = 2) throws {
        directory = try CulpritBinary.temporaryDirectory()
        var lastError = ""
        for _ in 0..<5 {
            let base = Int.random(in: 15_000...29_000) / 2 * 2
            let result = try CulpritBinary.run(executable: "/bin/bash", [Self.script, "start", directory.path, String(servers), String(base)])
            let ports = result.stdout.split(separator: "\n").compactMap { Int($0) }
            if result.status == 0, ports.count == servers {
                self.ports = ports
                return
            }
            lastError = result.stderr
        }
        throw ClusterError(message: "the ClickHouse cluster did not start: \(lastError)")
    }

    struct ClusterError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `clickhouse://127.0.0.1:PORT/DATABASE[?table=T]` of server `index`.
    func address(_ index: Int, database: String, table: String? = nil) -> String {
        "clickhouse://127.0.0.1:\(ports[index])/\(database)" + (table.map { "?table=\($0)" } ?? "")
    }

    /// Runs `sql` on server `index` until it answers `expected` or 30 s pass; returns the last answer.
    func answer(_ index: Int, _ sql: String, reaching expected: String) -> String {
        let deadline = Date().addingTimeInterval(30)
        var answer = ""
        while Date() < deadline {
            answer = (try? query(index, sql)) ?? ""
            if answer == expected { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return answer
    }

    /// Runs `sql` on server `index` and returns its answer (TabSeparated).
    @discardableResult
    func query(_ index: Int, _ sql: String) throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(ports[index])/")!)
        request.httpMethod = "POST"
        request.httpBody = Data(sql.utf8)
        final class Box: @unchecked Sendable { var result: Result<(Int, Data), any Error> = .success((0, Data())) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { box.result = .failure(error) } else {
                box.result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 60)
        let (status, data) = try box.result.get()
        let text = String(decoding: data, as: UTF8.self)
        guard status == 200 else { throw ClusterError(message: "\(sql): \(status) \(text)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Kills server `index` as a crash would.
    func kill(_ index: Int) throws {
        _ = try CulpritBinary.run(executable: "/bin/bash", [Self.script, "stop-one", directory.path, String(index)])
    }

    /// Starts server `index` again on its data.
    func restart(_ index: Int) throws {
        let result = try CulpritBinary.run(executable: "/bin/bash", [Self.script, "start-one", directory.path, String(index)])
        guard result.status == 0 else { throw ClusterError(message: "server \(index) did not restart: \(result.stderr)") }
    }

    func stop() {
        _ = try? CulpritBinary.run(executable: "/bin/bash", [Self.script, "stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }
}
