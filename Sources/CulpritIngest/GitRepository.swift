import Foundation

/// A local git clone, read through the `git` command line: nothing is fetched
/// or uploaded, and no git library is linked.
///
/// git runs with its arguments as an array (never through a shell), with
/// `core.quotePath` off so paths come back as written, no colour, no signature
/// checks, no optional locks and no terminal prompt. Every revision it is given
/// is first checked to be a plain tag name or a hex sha, so nothing read from a
/// log or a deploy record can become an option or a revision expression.
public struct GitRepository: Sendable {
    /// The directory as given (`--repo PATH`).
    public var path: String

    /// The clone at `path`; nothing is read until asked.
    public init(path: String) { self.path = path }

    /// Why the repository could not be read; the message is for the person at the terminal.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// A failure saying `message`.
        public init(_ message: String) { self.message = message }
        /// The message.
        public var description: String { message }
    }

    /// Checks that `path` is a directory git knows as a repository (or inside one).
    public func validate() throws(Failure) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure("no such directory; give the path of a local git clone")
        }
        guard isDirectory.boolValue else { throw Failure("not a directory; give the path of a local git clone") }
        let result = try run(["rev-parse", "--git-dir"])
        guard result.status == 0 else { throw Failure("not a git repository (\(result.firstErrorLine ?? "git rev-parse failed"))") }
    }

    /// The commit the tag `name` points at (`refs/tags/NAME`), nil when there is no such tag.
    public func commit(tag name: String) throws(Failure) -> String? {
        guard Self.isPlainTagName(name) else { return nil }
        return try resolve("refs/tags/\(name)^{commit}")
    }

    /// The full sha of the commit `sha` names or abbreviates, nil when the repository has none.
    public func commit(sha: String) throws(Failure) -> String? {
        guard Self.isHexSha(sha) else { return nil }
        return try resolve("\(sha)^{commit}")
    }

    /// Commits reachable from `to` but not from `from`, newest first, at most
    /// `limit` of them; merge commits are left out (their changes are in the
    /// commits they merge). `from` and `to` must be full shas from `commit(…)`.
    public func commits(from: String, to: String, limit: Int) throws(Failure) -> [GitCommit] {
        guard Self.isHexSha(from), Self.isHexSha(to), limit > 0 else { return [] }
        let result = try run(["log", "--no-color", "--no-merges", "--name-only",
                              "--format=%x1e%H%x1f%an%x1f%ae%x1f%at%x1f%s", "--max-count=\(limit)", "\(from)..\(to)", "--"])
        guard result.status == 0 else { throw Failure("git log failed (\(result.firstErrorLine ?? "exit status \(result.status)"))") }
        return Self.parseLog(String(decoding: result.output, as: UTF8.self))
    }

    /// Parses `git log --name-only` with the format above: each commit starts with
    /// U+001E, its header fields are separated by U+001F, its paths follow one a line.
    static func parseLog(_ text: String) -> [GitCommit] {
        var commits = [GitCommit]()
        for entry in text.split(separator: "\u{1E}", omittingEmptySubsequences: true) {
            let lines = entry.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first else { continue }
            let fields = header.split(separator: "\u{1F}", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, isHexSha(fields[0]) else { continue }
            var time: Int64?
            if let seconds = Int64(fields[3]) {
                let (micros, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
                if !overflow { time = micros }
            }
            commits.append(GitCommit(sha: fields[0], subject: fields[4], authorName: fields[1], authorEmail: fields[2], authorTime: time,
                                     files: lines.dropFirst().map(String.init)))
        }
        return commits
    }

    private func resolve(_ revision: String) throws(Failure) -> String? {
        let result = try run(["rev-parse", "--verify", "--quiet", revision])
        switch result.status {
        case 0:
            let sha = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return Self.isHexSha(sha) ? sha : nil
        case 1:
            return nil
        default:
            throw Failure("git rev-parse failed (\(result.firstErrorLine ?? "exit status \(result.status)"))")
        }
    }

    /// A tag name git would take as written: letters, digits, `.`, `_`, `+`, `-`
    /// and `/`, not starting with `-`, `.` or `/`, without `..`, at most 200 bytes.
    static func isPlainTagName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 200, first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
              first != UInt8(ascii: "/"), !name.contains(".."), !name.hasSuffix("/"), !name.hasSuffix(".lock") else { return false }
        return name.utf8.allSatisfy { byte in
            byte &- 48 < 10 || (byte | 0x20) &- 97 < 26 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
        }
    }

    /// 4 to 64 hex digits: an abbreviated or full SHA-1 or SHA-256 object name.
    static func isHexSha(_ text: String) -> Bool {
        (4...64).contains(text.utf8.count) && text.utf8.allSatisfy { $0 &- 48 < 10 || $0 &- 97 < 6 || $0 &- 65 < 6 }
    }

    struct Output {
        var status: Int32
        var output: Data
        var errorText: String

        var firstErrorLine: String? {
            errorText.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// Runs `git -C PATH ARGUMENTS…` and waits for it.
    func run(_ arguments: [String]) throws(Failure) -> Output {
        guard let git = Self.executable else { throw Failure("git is not installed; install it (Debian: apt-get install git) to rank suspect commits") }
        let process = Process()
        process.executableURL = git
        process.arguments = ["-c", "core.quotePath=false", "-c", "log.showSignature=false", "-c", "color.ui=never", "-C", path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure("cannot run git: \(error.localizedDescription)") }
        // Both pipes are drained at once: a child that fills one while the other is
        // being read to its end would otherwise wait forever.
        let collected = ErrorCollector()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.set(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, output: data, errorText: String(decoding: collected.data, as: UTF8.self))
    }

    /// Standard error of a git run, filled on another thread.
    private final class ErrorCollector: @unchecked Sendable {
        // @unchecked: `data` is written once under `lock` and read after the writer is joined.
        private let lock = NSLock()
        private var stored = Data()
        func set(_ data: Data) { lock.withLock { stored = data } }
        var data: Data { lock.withLock { stored } }
    }

    /// `git` on `PATH`, nil when there is none.
    static let executable: URL? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories where !directory.isEmpty {
            let candidate = String(directory) + "/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }()
}
