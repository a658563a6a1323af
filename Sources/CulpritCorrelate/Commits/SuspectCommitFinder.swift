import Foundation
import CulpritModel
import CulpritIngest

/// `--repo [NAME=]PATH`: finds the commits of the top suspect in a local clone
/// and ranks them against the suspect's evidence (`CommitRanking`).
///
/// Only the top suspect is looked at, and only when it is at least possible
/// and a deploy, config change or rollback (restarts bring no commits). Its
/// repository is the one named for its service, else one given without a
/// name. A repository that is missing, is not a git repository, or has no tag
/// or sha for the change's ends is one warning (`--repo PATH: …`); the
/// analysis goes on without commits.
public struct SuspectCommitFinder {
    /// One `--repo` argument.
    public struct Repository: Sendable, Hashable {
        /// The service it holds the code of; nil for any.
        public var service: String?
        /// The clone's directory.
        public var path: String

        /// The clone at `path`, holding `service`'s code (nil for any).
        public init(service: String?, path: String) {
            self.service = service
            self.path = path
        }

        /// `NAME=PATH`, or `PATH` alone. A `=` after a `/` is part of the path.
        public init(argument: String) {
            if let equals = argument.firstIndex(of: "="), equals > argument.startIndex,
               !argument[..<equals].contains("/"), argument.index(after: equals) < argument.endIndex {
                self.init(service: String(argument[..<equals]), path: String(argument[argument.index(after: equals)...]))
            } else {
                self.init(service: nil, path: argument)
            }
        }
    }

    /// The most commits read from one range (the newest).
    public static let commitLimit = 500
    /// The most ranked commits kept on the suspect.
    public static let keptLimit = 20

    /// The `--repo` arguments, in order.
    public var repositories: [Repository]

    /// A finder over `repositories`.
    public init(repositories: [Repository]) { self.repositories = repositories }

    /// `findings` with the top suspect's commits, when a repository has them.
    /// `records` are all change records (the previous sha may be outside the
    /// window); `inputs` map the paths refs print to the files to open.
    public func attaching(to findings: Findings, records: [ChangeMarker], inputs: [InputFile], diagnostics: Diagnostics) -> Findings {
        guard !repositories.isEmpty else { return findings }
        var present = [Repository]()
        for repository in repositories {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: repository.path, isDirectory: &isDirectory), isDirectory.boolValue {
                present.append(repository)
            } else {
                diagnostics.warn("--repo \(repository.path): no such directory; give the path of a local git clone")
            }
        }
        guard let top = findings.culprit, top.change.kind != .restart, !present.isEmpty else { return findings }
        let candidates = present.filter { $0.service == top.change.service } + present.filter { $0.service == nil }
        guard !candidates.isEmpty else {
            let names = present.compactMap(\.service).joined(separator: ", ")
            diagnostics.warn("--repo: no repository is named for \(top.change.service), the top suspect (only for \(names)); add --repo \(top.change.service)=PATH")
            return findings
        }
        var failures = [String]()
        for repository in candidates {
            do throws(GitRepository.Failure) {
                let commits = try commits(of: top, in: GitRepository(path: repository.path), changes: findings.changes + records, inputs: inputs,
                                          diagnostics: diagnostics)
                var updated = findings
                updated.suspects[0].commits = commits
                return updated
            } catch {
                failures.append("--repo \(repository.path): \(error.message)")
            }
        }
        for failure in failures { diagnostics.warn(failure) }
        return findings
    }

    private func commits(of suspect: Suspect, in repository: GitRepository, changes: [ChangeMarker], inputs: [InputFile],
                         diagnostics: Diagnostics) throws(GitRepository.Failure) -> [SuspectCommit] {
        try repository.validate()
        let range = try CommitRange.find(for: suspect.change, among: changes, in: repository)
        let commits = try repository.commits(from: range.from, to: range.to, limit: Self.commitLimit + 1)
        guard !commits.isEmpty else { throw GitRepository.Failure("\(range.label) holds no commits (merges aside)") }
        if commits.count > Self.commitLimit {
            diagnostics.warn("--repo \(repository.path): \(range.label) holds more than \(Self.commitLimit) commits; only the newest \(Self.commitLimit) were ranked")
        }
        // The suspect's own trouble is read: not the change record (weight 0), not what counts
        // against it, not other services' symptoms (their code is not in this repository).
        let cited = suspect.evidence.filter { $0.weight > 0 && $0.signal != "symptom" }
            .flatMap { item in item.lines.map { (line: $0, signal: item.signal) } }
        let records = CitedRecordReader(inputs: inputs).read(cited)
        let ranked = CommitRanking().rank(Array(commits.prefix(Self.commitLimit)), range: range, records: records)
        return Array(ranked.prefix(Self.keptLimit))
    }
}
