import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritIngest
@testable import CulpritCorrelate
@testable import CulpritRender

@Suite struct StackFrameParserTests {
    let parser = StackFrameParser()

    @Test func javaFrameGivesPackagePathAndFile() {
        let frame = parser.frame(in: "\tat com.x.SessionCache.put(SessionCache.java:42)")
        #expect(frame == StackFrame(path: "com/x/SessionCache.java", line: 42, runtime: .java))
    }

    @Test func javaFrameOfAModuleInnerClassOrLambdaKeepsThePackage() {
        #expect(parser.frame(in: "\tat java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2095)")?.path
            == "java/util/concurrent/CompletableFuture.java")
        #expect(parser.frame(in: "    at app//com.x.SessionCache$Entry.lambda$put$0(SessionCache.java:57)")?.path == "com/x/SessionCache.java")
        #expect(parser.frame(in: "\tat com.x.Main.<init>(Main.kt:3)")?.path == "com/x/Main.kt")
        #expect(parser.frame(in: "\tat MainKt.main(Main.kt:3)")?.path == "Main.kt")
    }

    @Test func javaFrameWithoutSourceNamesNothing() {
        #expect(parser.frame(in: "\tat jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)") == nil)
        #expect(parser.frame(in: "\tat com.x.Generated.call(Unknown Source)") == nil)
        #expect(parser.frame(in: "\t... 42 more") == nil)
    }

    @Test func pythonFrame() {
        let frame = parser.frame(in: "  File \"/app/auth/session_cache.py\", line 42, in put")
        #expect(frame == StackFrame(path: "/app/auth/session_cache.py", line: 42, runtime: .python))
    }

    @Test func goFrameIsTheWholeLine() {
        #expect(parser.frame(in: "\t/src/auth/cache.go:42 +0x1d") == StackFrame(path: "/src/auth/cache.go", line: 42, runtime: .go))
        #expect(parser.frame(in: "\t/usr/local/go/src/runtime/proc.go:250")?.path == "/usr/local/go/src/runtime/proc.go")
        // A `log.Lshortfile` prefix is where a message was logged, not a frame.
        #expect(parser.frame(in: "cache.go:42: evicting 3 sessions") == nil)
    }

    @Test func nodeFramesNamedAnonymousAndFileURLs() {
        #expect(parser.frame(in: "    at put (/app/src/cache.js:10:5)") == StackFrame(path: "/app/src/cache.js", line: 10, runtime: .node))
        #expect(parser.frame(in: "    at /app/src/cache.js:10:5")?.path == "/app/src/cache.js")
        #expect(parser.frame(in: "    at async Cache.put (file:///app/src/cache.mjs:10:5)")?.path == "/app/src/cache.mjs")
        #expect(parser.frame(in: "    at Object.<anonymous> (/app/src/server.ts:3:1)")?.path == "/app/src/server.ts")
    }

    @Test func nodeInternalsAndPromiseFramesNameNothing() {
        #expect(parser.frame(in: "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)") == nil)
        #expect(parser.frame(in: "    at async Promise.all (index 0)") == nil)
    }

    @Test func dotnetFrameUnixAndWindowsPaths() {
        #expect(parser.frame(in: "   at Auth.Cache.Put(String key) in /src/Cache.cs:line 42")
            == StackFrame(path: "/src/Cache.cs", line: 42, runtime: .dotnet))
        #expect(parser.frame(in: "   at Auth.Cache.Put(String key) in C:\\build\\src\\Cache.cs:line 42")?.path == "C:/build/src/Cache.cs")
        #expect(parser.frame(in: "   at System.Threading.Tasks.Task.Wait()") == nil)
    }

    @Test func rubyFrameWithQuoteBacktickOrFrom() {
        #expect(parser.frame(in: "app/models/session.rb:42:in 'put'") == StackFrame(path: "app/models/session.rb", line: 42, runtime: .ruby))
        #expect(parser.frame(in: "\tfrom /app/models/session.rb:42:in `block in put'")?.path == "/app/models/session.rb")
        #expect(parser.frame(in: "/app/lib/cache.rb:7:in 'Cache#put': undefined method 'size' for nil (NoMethodError)")?.path == "/app/lib/cache.rb")
    }

    @Test func messagesAreNotFrames() {
        for line in ["2025-03-12 03:09:19.181 ERROR 40213 --- [exec-17] c.e.auth.web.TokenController : token validation failed",
                     "java.util.concurrent.TimeoutException: session lookup timed out",
                     "Caused by: java.io.IOException: closed",
                     "Traceback (most recent call last):",
                     "KeyError: 'session'",
                     "goroutine 1 [running]:",
                     "main.main()"] {
            #expect(parser.frame(in: line) == nil, "\(line)")
        }
    }
}

@Suite struct CommitRankingTests {
    static let range = CommitRange(from: String(repeating: "a", count: 40), to: String(repeating: "b", count: 40), label: "v2.3.0..v2.3.1")

    static func commit(_ sha: Character, _ subject: String, _ files: [String]) -> GitCommit {
        GitCommit(sha: String(repeating: sha, count: 40), subject: subject, authorName: "Ada", authorEmail: "ada@example.com",
                  authorTime: nil, files: files)
    }

    static let javaRecord = CitedRecord(ref: SourceRef(path: "app.log", line: 10), signal: "error_spike", lines: [
        "2025-03-12 01:09:19.181 ERROR 40213 --- [exec-17] c.e.auth.web.TokenController : token validation failed",
        "java.util.concurrent.TimeoutException: session lookup timed out",
        "\tat java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2095)",
        "\tat com.example.auth.session.SessionCache.put(SessionCache.java:42)",
        "\tat com.example.auth.session.SessionCache.lambda$put$0(SessionCache.java:57)",
    ])

    @Test func commitChangingTheFileTheFramesNameRanksFirst() {
        let commits = [
            Self.commit("1", "Explain session lookup timeouts", ["docs/sessions.md"]),
            Self.commit("2", "Speed up the hot path", ["src/main/java/com/example/auth/session/SessionCache.java", "build.gradle"]),
            Self.commit("3", "Bump Spring Boot to 3.2.4", ["build.gradle"]),
        ]
        let ranked = CommitRanking().rank(commits, range: Self.range, records: [Self.javaRecord, Self.javaRecord])
        #expect(ranked.map(\.commit.subject) == ["Speed up the hot path", "Explain session lookup timeouts", "Bump Spring Boot to 3.2.4"])
        #expect(ranked[0].namedFiles == [SuspectCommit.NamedFile(path: "src/main/java/com/example/auth/session/SessionCache.java",
                                                                  matchedPath: "com/example/auth/session/SessionCache.java",
                                                                  frames: 4, signals: ["error_spike"])])
        #expect(ranked[1].sharedWords == ["lookup", "session", "timeout"])
        #expect(ranked[2].namedFiles.isEmpty && ranked[2].sharedWords.isEmpty)
    }

    @Test func aFrameNamesOnlyThePathsWithTheLongestCommonSuffix() {
        let record = CitedRecord(ref: SourceRef(path: "app.log", line: 1), signal: "crash", lines: ["panic: boom", "\t/src/auth/cache.go:42 +0x1d"])
        let commits = [Self.commit("1", "Billing cache", ["billing/cache.go"]), Self.commit("2", "Auth cache", ["services/auth/cache.go"])]
        let ranked = CommitRanking().rank(commits, range: Self.range, records: [record])
        #expect(ranked.map(\.commit.subject) == ["Auth cache", "Billing cache"])
        #expect(ranked[0].namedFiles.map(\.matchedPath) == ["auth/cache.go"])
        #expect(ranked[1].namedFiles.isEmpty)
    }

    @Test func framesInDependenciesNameNoRepositoryFile() {
        let record = CitedRecord(ref: SourceRef(path: "app.log", line: 1), signal: "error_spike", lines: [
            "Traceback (most recent call last):",
            "  File \"/usr/local/lib/python3.12/site-packages/requests/api.py\", line 73, in get",
            "    at handle (/app/node_modules/express/lib/router/index.js:284:7)",
        ])
        let ranked = CommitRanking().rank([Self.commit("1", "Tidy", ["app/api.py", "lib/router/index.js"])], range: Self.range, records: [record])
        #expect(ranked[0].namedFiles.isEmpty)
        #expect(StackFrame(path: "/go/pkg/mod/github.com/x/y@v1/z.go", line: 1, runtime: .go).isDependency)
        #expect(!StackFrame(path: "/app/auth/session_cache.py", line: 1, runtime: .python).isDependency)
    }

    @Test func withoutFramesSubjectWordsDecideThenGitOrder() {
        let record = CitedRecord(ref: SourceRef(path: "app.log", line: 1), signal: "error_spike",
                                 lines: ["ERROR token validation failed for client web-app: session lookup timed out"])
        let commits = [Self.commit("1", "Tidy imports", ["a.py"]), Self.commit("2", "Retry the session lookup", ["b.py"]),
                       Self.commit("3", "Rename variables", ["c.py"])]
        let ranked = CommitRanking().rank(commits, range: Self.range, records: [record])
        #expect(ranked.map(\.commit.subject) == ["Retry the session lookup", "Tidy imports", "Rename variables"])
    }

    @Test func whySaysWhichFileHowManyFramesAndOfWhat() {
        let commits = [Self.commit("2", "Speed up the hot path", ["src/main/java/com/example/auth/session/SessionCache.java"])]
        let ranked = CommitRanking().rank(commits, range: Self.range, records: [Self.javaRecord])
        #expect(SuspectCommitWording.why(ranked[0]) == "changes com/example/auth/session/SessionCache.java, named in 2 stack frames of the error spike")
        let unrelated = CommitRanking().rank([Self.commit("3", "Bump Spring Boot", ["build.gradle"])], range: Self.range, records: [Self.javaRecord])
        #expect(SuspectCommitWording.why(unrelated[0]) == "in v2.3.0..v2.3.1; nothing in the evidence names its files or words")
    }

    @Test func messageWordsSplitCamelCaseAndDropNoise() {
        #expect(MessageWords.words(in: "SessionCache: HTTPServer failed with error 42, tokens expired") == ["session", "cache", "server", "token", "expired"])
    }
}

@Suite struct CitedRecordReaderTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-cited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static let log = """
    2025-03-12 01:09:18.002  INFO 40213 --- [exec-2] c.e.auth.web.TokenController : issued token
    2025-03-12 01:09:19.181 ERROR 40213 --- [exec-17] c.e.auth.web.TokenController : token validation failed
    java.util.concurrent.TimeoutException: session lookup timed out
    \tat com.example.auth.session.SessionCache.put(SessionCache.java:42)
    \tat com.example.auth.web.TokenController.introspect(TokenController.java:112)
    2025-03-12 01:09:20.000  INFO 40213 --- [exec-3] c.e.auth.web.TokenController : issued token

    """

    static func cited(_ path: String, line: Int, text: String) -> (line: EvidenceLine, signal: String) {
        (EvidenceLine(ref: SourceRef(path: path, line: line), time: nil, text: text), "error_spike")
    }

    @Test func readsTheCitedLineAndTheLinesThatContinueItUpToTheNextRecord() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.log").path
        try Data(Self.log.utf8).write(to: URL(fileURLWithPath: path))
        let head = Self.log.split(separator: "\n")[1]
        let records = CitedRecordReader(inputs: [InputFile(openPath: path, displayPath: "logs/app.log")])
            .read([Self.cited("logs/app.log", line: 2, text: String(head))])
        #expect(records.count == 1)
        #expect(records.first?.lines.count == 4)
        #expect(records.first?.lines.last == "\tat com.example.auth.web.TokenController.introspect(TokenController.java:112)")
    }

    static let spikeLog = """
    2025-03-12 01:09:10.000 ERROR 40213 --- [exec-1] c.e.auth.web.TokenController : token validation failed: session lookup timed out
    2025-03-12 01:09:12.000  INFO 40213 --- [exec-2] c.e.auth.web.TokenController : retrying
    \tat com.example.auth.retry.Retrier.run(Retrier.java:7)
    2025-03-12 01:09:19.181 ERROR 40213 --- [exec-17] c.e.auth.web.TokenController : token validation failed
    java.util.concurrent.TimeoutException: session lookup timed out
    \tat com.example.auth.session.SessionCache.put(SessionCache.java:42)

    """

    @Test func errorRecordsNearACitedErrorSpikeRecordAreReadAsItsOwn() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.log").path
        try Data(Self.spikeLog.utf8).write(to: URL(fileURLWithPath: path))
        let head = String(Self.spikeLog.split(separator: "\n")[0])
        let records = CitedRecordReader(inputs: []).read([Self.cited(path, line: 1, text: head)])
        #expect(records.map(\.ref.line) == [1, 4])
        #expect(records.map(\.signal) == ["error_spike", "error_spike"])
        #expect(StackFrameParser().frames(in: records.flatMap(\.lines)).map(\.path) == ["com/example/auth/session/SessionCache.java"])
    }

    @Test func recordsCitedForMemoryGrowthBringNoNeighbours() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.log").path
        try Data(Self.spikeLog.utf8).write(to: URL(fileURLWithPath: path))
        let head = String(Self.spikeLog.split(separator: "\n")[0])
        let records = CitedRecordReader(inputs: []).read([(EvidenceLine(ref: SourceRef(path: path, line: 1), time: nil, text: head), "memory_growth")])
        #expect(records.map(\.ref.line) == [1])
    }

    @Test func aLineThatNoLongerMatchesTheEvidenceIsLeftOut() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.log").path
        try Data(Self.log.utf8).write(to: URL(fileURLWithPath: path))
        let records = CitedRecordReader(inputs: []).read([Self.cited(path, line: 2, text: "2025-03-12 00:00:00.000 ERROR something else")])
        #expect(records.isEmpty)
    }

    @Test func gzipFilesAreReadDecompressed() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("app.log")
        try Data(Self.log.utf8).write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -n \"$0\"", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let head = String(Self.log.split(separator: "\n")[1])
        let records = CitedRecordReader(inputs: []).read([Self.cited(plain.path + ".gz", line: 2, text: head)])
        #expect(records.first?.lines.count == 4)
    }

    @Test func aJSONRecordGivesItsStackTraceFieldLineByLine() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let line = #"{"ts":"2025-03-12T01:09:19Z","level":"error","msg":"cache put failed","stack":"Error: full\n    at put (/app/src/cache.js:10:5)\n    at /app/src/server.js:3:1"}"#
        let path = directory.appendingPathComponent("app.json").path
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let records = CitedRecordReader(inputs: []).read([Self.cited(path, line: 1, text: line)])
        let frames = StackFrameParser().frames(in: records.first?.lines ?? [])
        #expect(frames.map(\.path) == ["/app/src/cache.js", "/app/src/server.js"])
    }

    @Test func standardInputIsNotReadAgain() {
        #expect(CitedRecordReader(inputs: [.standardInput]).read([Self.cited("-", line: 1, text: "x")]).isEmpty)
    }
}

@Suite struct SuspectCommitArgumentTests {
    @Test func repoArgumentNamesAServiceOnlyBeforeAnyPathSeparator() {
        #expect(SuspectCommitFinder.Repository(argument: "auth-service=/src/auth") == .init(service: "auth-service", path: "/src/auth"))
        #expect(SuspectCommitFinder.Repository(argument: "/src/a=b") == .init(service: nil, path: "/src/a=b"))
        #expect(SuspectCommitFinder.Repository(argument: "../auth") == .init(service: nil, path: "../auth"))
        #expect(SuspectCommitFinder.Repository(argument: "=x") == .init(service: nil, path: "=x"))
    }

    @Test func onlyPlainTagNamesAndHexShasReachGit() {
        #expect(GitRepository.isPlainTagName("v2.3.1") && GitRepository.isPlainTagName("release/2.3.1+build.7"))
        for name in ["-v", "--upload-pack=x", "v1..v2", "v1^{tree}", "v1~1", "@{-1}", ".hidden", "", "v 1"] {
            #expect(!GitRepository.isPlainTagName(name), "\(name)")
        }
        #expect(GitRepository.isHexSha("9f2c7e1") && !GitRepository.isHexSha("HEAD") && !GitRepository.isHexSha("9f2") && !GitRepository.isHexSha("-9f2c7e1"))
    }

    @Test func gitLogOutputIsParsedIntoCommitsWithTheirFiles() {
        let text = "\u{1E}\(String(repeating: "a", count: 40))\u{1F}Ada Lovelace\u{1F}ada@example.com\u{1F}1741743000\u{1F}Speed up the hot path\n\nsrc/A.java\nbuild.gradle\n"
            + "\u{1E}\(String(repeating: "b", count: 40))\u{1F}Bob\u{1F}\u{1F}x\u{1F}Docs: a|b\n\ndocs/x.md\n"
        let commits = GitRepository.parseLog(text)
        #expect(commits.count == 2)
        #expect(commits[0].files == ["src/A.java", "build.gradle"])
        #expect(commits[0].author == "Ada Lovelace <ada@example.com>")
        #expect(commits[0].authorTime == 1_741_743_000_000_000)
        #expect(commits[1].author == "Bob" && commits[1].authorTime == nil && commits[1].subject == "Docs: a|b")
    }
}

/// A git repository made by the test: commits with fixed authors and dates, and tags.
struct GitFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try git("init", "-q")
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `files` (path → content) and commits them; returns the commit's sha.
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
        env["GIT_AUTHOR_NAME"] = "Ada Lovelace"
        env["GIT_AUTHOR_EMAIL"] = "ada@example.com"
        env["GIT_COMMITTER_NAME"] = "Ada Lovelace"
        env["GIT_COMMITTER_EMAIL"] = "ada@example.com"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
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

@Suite(.enabled(if: GitRepository.executable != nil, "git is not installed")) struct CommitRangeTests {
    static func change(_ version: String?, kind: ChangeMarker.Kind = .deploy, previous: String? = nil, sha: String? = nil, at minute: Int64 = 60) -> ChangeMarker {
        ChangeMarker(service: "auth-service", version: version, kind: kind, time: minute * 60_000_000, previousVersion: previous, evidence: [], sha: sha)
    }

    @Test func versionTagsBoundTheRangeAndItsCommitsComeNewestFirst() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.commit("Initial", files: ["README.md": "auth\n"], date: "2025-03-01T10:00:00Z")
        try fixture.tag("v2.3.0")
        try fixture.commit("First", files: ["a.txt": "1\n"], date: "2025-03-02T10:00:00Z")
        try fixture.commit("Second", files: ["b.txt": "2\n"], date: "2025-03-03T10:00:00Z")
        try fixture.tag("2.3.1")
        let repository = GitRepository(path: fixture.directory.path)
        let range = try CommitRange.find(for: Self.change("2.3.1", previous: "2.3.0"), among: [], in: repository)
        #expect(range.label == "v2.3.0..2.3.1")
        let commits = try repository.commits(from: range.from, to: range.to, limit: 10)
        #expect(commits.map(\.subject) == ["Second", "First"])
        #expect(commits[0].files == ["b.txt"])
        #expect(commits[0].author == "Ada Lovelace <ada@example.com>")
        #expect(commits[0].authorTime == 1_740_996_000_000_000)
    }

    @Test func recordShasBoundTheRangeWhenThereAreNoTags() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let old = try fixture.commit("Initial", files: ["README.md": "auth\n"], date: "2025-03-01T10:00:00Z")
        let new = try fixture.commit("Fix", files: ["a.txt": "1\n"], date: "2025-03-02T10:00:00Z")
        let earlier = Self.change("2.3.0", sha: String(old.prefix(7)), at: 10)
        let range = try CommitRange.find(for: Self.change("2.3.1", sha: String(new.prefix(7))), among: [earlier], in: GitRepository(path: fixture.directory.path))
        #expect(range.from == old && range.to == new)
        #expect(range.label == "\(old.prefix(7))..\(new.prefix(7))")
    }

    @Test func aRollbackRangeIsTheCommitsItTookOut() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        let old = try fixture.commit("Initial", files: ["README.md": "auth\n"], date: "2025-03-01T10:00:00Z")
        try fixture.tag("v2.3.0")
        let new = try fixture.commit("Leak", files: ["a.txt": "1\n"], date: "2025-03-02T10:00:00Z")
        try fixture.tag("v2.3.1")
        let range = try CommitRange.find(for: Self.change("2.3.0", kind: .rollback, previous: "2.3.1"), among: [], in: GitRepository(path: fixture.directory.path))
        #expect(range.from == old && range.to == new && range.takenOut)
    }

    @Test func missingTagsSayWhatWasTriedAndWhatToDo() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.commit("Initial", files: ["README.md": "auth\n"], date: "2025-03-01T10:00:00Z")
        #expect {
            try CommitRange.find(for: Self.change("2.3.1", previous: "2.3.0"), among: [], in: GitRepository(path: fixture.directory.path))
        } throws: { error in
            (error as? GitRepository.Failure)?.message == "no tag v2.3.1 or 2.3.1 for auth-service 2.3.1; no tag v2.3.0 or 2.3.0 for the previous version 2.3.0; "
                + "tag releases vX.Y.Z or give the deploy records a sha column"
        }
    }

    @Test func aDirectoryThatIsNotARepositoryFailsValidation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-norepo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect {
            try GitRepository(path: directory.path).validate()
        } throws: { error in
            (error as? GitRepository.Failure)?.message.hasPrefix("not a git repository") == true
        }
    }
}
