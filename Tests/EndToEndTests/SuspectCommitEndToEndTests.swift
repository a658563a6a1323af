import Foundation
import Testing

/// `--repo`: the built binary ranks the commits of the culprit deploy in a
/// repository the test makes, from logs whose errors carry Java stack traces.
@Suite(.enabled(if: SuspectCommitScenario.hasGit, "git is not installed (scripts/install-deps.sh installs it)"))
struct SuspectCommitEndToEndTests {
    @Test func theCommitChangingTheFileTheStackTracesNameRanksFirst() throws {
        let scenario = try SuspectCommitScenario()
        defer { scenario.remove() }
        let result = try CulpritBinary.run(["analyze", "--format", "json", "--deploys", scenario.deploys,
                                            "--repo", "auth-service=\(scenario.repository.path)", scenario.logs])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let suspects = try #require(document["suspects"] as? [[String: Any]])
        let top = try #require(suspects.first)
        #expect(top["service"] as? String == "auth-service")
        #expect(top["version"] as? String == "2.3.1")
        let commits = try #require(top["commits"] as? [[String: Any]])
        #expect(commits.map { $0["subject"] as? String } == ["Speed up the hot path", "Explain session lookup timeouts", "Bump Spring Boot to 3.2.4"])
        let first = try #require(commits.first)
        #expect(first["sha"] as? String == scenario.culpritSha)
        #expect(first["author"] as? String == "Grace Hopper <grace@example.com>")
        #expect(first["files"] as? [String] == ["src/main/java/com/example/auth/session/SessionCache.java"])
        let why = try #require(first["why"] as? String)
        #expect(why.hasPrefix("changes com/example/auth/session/SessionCache.java, named in "), "\(why)")
        #expect(why.contains("stack frames of the error spike"), "\(why)")
        #expect(first["range"] as? String == "v2.3.0..v2.3.1")
    }

    @Test func theTableListsTheSuspectCommitsUnderTheTopSuspect() throws {
        let scenario = try SuspectCommitScenario()
        defer { scenario.remove() }
        let result = try CulpritBinary.run(["analyze", "--format", "table", "--deploys", scenario.deploys,
                                            "--repo", scenario.repository.path, scenario.logs])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex(of: "Suspect commits (v2.3.0..v2.3.1):"), "\(result.stdout)")
        #expect(lines[heading + 1] == "  \(scenario.culpritSha.prefix(7)) Speed up the hot path — Grace Hopper")
        #expect(lines[heading + 2].hasPrefix("      changes com/example/auth/session/SessionCache.java, named in "))
    }

    @Test func aMissingRepositoryIsOneWarningAndTheAnalysisStillSucceeds() throws {
        let scenario = try SuspectCommitScenario()
        defer { scenario.remove() }
        let missing = scenario.root.appendingPathComponent("no-such-clone").path
        let result = try CulpritBinary.run(["analyze", "--format", "json", "--deploys", scenario.deploys,
                                            "--repo", "auth-service=\(missing)", scenario.logs])
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("--repo") }
        #expect(warnings == ["culprit: warning: --repo \(missing): no such directory; give the path of a local git clone"], "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let top = try #require((document["suspects"] as? [[String: Any]])?.first)
        #expect(top["service"] as? String == "auth-service")
        #expect(top["commits"] == nil)
    }

    @Test func aDirectoryThatIsNotARepositoryIsOneWarning() throws {
        let scenario = try SuspectCommitScenario()
        defer { scenario.remove() }
        let plain = scenario.root.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        let result = try CulpritBinary.run(["analyze", "--format", "json", "--deploys", scenario.deploys, "--repo", plain.path, scenario.logs])
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("--repo") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(warnings.first?.hasPrefix("culprit: warning: --repo \(plain.path): not a git repository") == true, "\(result.stderr)")
    }

    @Test func aRepositoryWithoutTheVersionTagsIsOneWarning() throws {
        let scenario = try SuspectCommitScenario()
        defer { scenario.remove() }
        try scenario.repository.git("tag", "-d", "v2.3.0")
        let result = try CulpritBinary.run(["analyze", "--format", "json", "--deploys", scenario.deploys,
                                            "--repo", "auth-service=\(scenario.repository.path)", scenario.logs])
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("--repo") }
        #expect(warnings == ["culprit: warning: --repo \(scenario.repository.path): no tag v2.3.0 or 2.3.0 for the previous version 2.3.0; "
            + "tag releases vX.Y.Z or give the deploy records a sha column"], "\(result.stderr)")
    }
}

/// A temporary incident: auth-service logs (memory flat, then growing, and
/// errors with Java stack traces after the 2.3.1 deploy), a deploys CSV
/// (2.3.0 → 2.3.1), and a git repository whose v2.3.0..v2.3.1 holds three
/// commits, the middle one changing SessionCache.java.
struct SuspectCommitScenario {
    static var hasGit: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/git") }
    }

    let root: URL
    let repository: Repository
    let culpritSha: String
    var logs: String { root.appendingPathComponent("logs").path }
    var deploys: String { root.appendingPathComponent("deploys.csv").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-commits-\(UUID().uuidString)")
        let logDirectory = root.appendingPathComponent("logs/auth-service")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        try Data(Self.appLog().utf8).write(to: logDirectory.appendingPathComponent("app.log"))
        try Data("""
        time,service,version,kind,actor
        2025-03-12T00:05:00Z,auth-service,2.3.0,deploy,ci-bot
        2025-03-12T01:00:00Z,auth-service,2.3.1,deploy,ci-bot

        """.utf8).write(to: URL(fileURLWithPath: root.appendingPathComponent("deploys.csv").path))

        let repository = try Repository(directory: root.appendingPathComponent("auth-service-repo"))
        let cache = "src/main/java/com/example/auth/session/SessionCache.java"
        try repository.commit("Add the session cache", files: [cache: "class SessionCache {}\n", "build.gradle": "boot 3.2.3\n"],
                              date: "2025-03-01T09:00:00Z")
        try repository.tag("v2.3.0")
        // The range v2.3.0..v2.3.1: the culprit is neither the newest nor the oldest,
        // and another commit shares more words with the error messages.
        try repository.commit("Bump Spring Boot to 3.2.4", files: ["build.gradle": "boot 3.2.4\n"], date: "2025-03-05T09:00:00Z")
        culpritSha = try repository.commit("Speed up the hot path", files: [cache: "class SessionCache { static map }\n"],
                                           date: "2025-03-06T09:00:00Z")
        try repository.commit("Explain session lookup timeouts", files: ["docs/sessions.md": "Session lookups time out after 2 s.\n"],
                              date: "2025-03-07T09:00:00Z")
        try repository.tag("v2.3.1")
        // After the release: it changes the same file and must not be listed.
        try repository.commit("Evict idle sessions from SessionCache", files: [cache: "class SessionCache { evict }\n"], date: "2025-03-13T09:00:00Z")
        self.repository = repository
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// 00:00–02:00: memory every minute (flat at 300 MB, growing 12 MB/min from
    /// 01:01), a request line every 30 s, and from 01:06 an error every 20 s with
    /// a TimeoutException whose frames name SessionCache.java.
    static func appLog() -> String {
        var lines = [String]()
        func stamp(_ second: Int) -> String {
            let hour = second / 3600, minute = second / 60 % 60, sec = second % 60
            return "2025-03-12 " + [hour, minute, sec].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":") + ".000"
        }
        for second in stride(from: 0, to: 7200, by: 10) {
            if second % 60 == 0 {
                let megabytes = second < 3660 ? 300.0 : 300.0 + Double(second - 3660) / 60 * 12
                lines.append("\(stamp(second))  INFO 40213 --- [   scheduling-1] c.e.auth.metrics.MemoryReporter          : resident memory rss=\(megabytes)MB")
            }
            if second % 30 == 0 {
                lines.append("\(stamp(second))  INFO 40213 --- [nio-8080-exec-3] c.e.auth.web.TokenController             : Issued access token for client web-app")
            }
            if second >= 3960, second % 20 == 0 {
                lines.append("\(stamp(second)) ERROR 40213 --- [io-8080-exec-17] c.e.auth.web.TokenController             : token validation failed")
                lines.append("java.util.concurrent.TimeoutException: session lookup timed out")
                lines.append("\tat java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2095)")
                lines.append("\tat com.example.auth.session.SessionCache.put(SessionCache.java:42)")
                lines.append("\tat com.example.auth.session.SessionCache.lookup(SessionCache.java:88)")
                lines.append("\tat com.example.auth.web.TokenController.introspect(TokenController.java:112)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A git repository with fixed authors and dates.
    struct Repository {
        let directory: URL
        var path: String { directory.path }

        init(directory: URL) throws {
            self.directory = directory
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try git("init", "-q")
        }

        @discardableResult
        func commit(_ subject: String, files: [String: String], date: String) throws -> String {
            for (path, content) in files {
                let url = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
            try git("add", "-A")
            try git("commit", "-q", "-m", subject, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
            return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func tag(_ name: String) throws { try git("tag", name) }

        @discardableResult
        func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory.path] + arguments
            var env = ProcessInfo.processInfo.environment
            for (key, value) in ["GIT_AUTHOR_NAME": "Grace Hopper", "GIT_AUTHOR_EMAIL": "grace@example.com", "GIT_COMMITTER_NAME": "Grace Hopper",
                                 "GIT_COMMITTER_EMAIL": "grace@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"] {
                env[key] = value
            }
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
