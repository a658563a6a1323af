import CulpritModel
import CulpritIngest

/// The commits a change brought in, as the git range `from..to`.
///
/// Each end is, in this order: a tag named for the version (`vX.Y.Z`, then
/// `X.Y.Z`; a version that already starts with `v` as given, then without it),
/// else a sha — the change record's own for the new end, and for the old end
/// the sha of the service's latest earlier change with a different one. The
/// previous version, when the change does not say, is that of the service's
/// latest earlier change with a different one, else (for a deploy or config
/// change) the version its first later rollback returned to. A
/// rollback's range is taken the other way round (`version..previousVersion`):
/// the commits it took out.
public struct CommitRange: Sendable, Hashable {
    /// Full shas.
    public var from: String
    /// The range's end (full sha).
    public var to: String
    /// The ends as people know them: `v2.3.0..v2.3.1`, `51d0a3b..9f2c7e1`.
    public var label: String
    /// The range of a rollback: commits it took out rather than brought in.
    public var takenOut: Bool

    /// The range `from..to`, labelled for people; `takenOut` for a rollback's.
    public init(from: String, to: String, label: String, takenOut: Bool = false) {
        self.from = from
        self.to = to
        self.label = label
        self.takenOut = takenOut
    }

    /// The range of `change` in `repository`; `changes` are the others known
    /// (records and inferred), where the previous sha is looked for.
    public static func find(for change: ChangeMarker, among changes: [ChangeMarker],
                            in repository: GitRepository) throws(GitRepository.Failure) -> CommitRange {
        let earlier = changes.filter { $0.service == change.service && $0.time < change.time }
        let previousSha = earlier.filter { $0.sha != nil && $0.sha != change.sha }.max { $0.time < $1.time }?.sha
        let previousVersion = change.previousVersion
            ?? earlier.filter { $0.version != nil && $0.version != change.version }.max { $0.time < $1.time }?.version
            ?? (change.kind == .rollback ? nil : changes
                .filter { $0.service == change.service && $0.kind == .rollback && $0.time > change.time && $0.version != change.version }
                .min { $0.time < $1.time }?.version)
        let new = try end(version: change.version, sha: change.sha, in: repository)
        let old = try end(version: previousVersion, sha: previousSha, in: repository)
        guard let new, let old else {
            var missing = [String]()
            if new == nil {
                missing.append(describe(version: change.version, sha: change.sha, what: "\(change.service) \(change.version ?? change.kind.rawValue)")
                    ?? "\(change.service)'s \(change.kind.rawValue) names no version or sha")
            }
            if old == nil {
                missing.append(describe(version: previousVersion, sha: previousSha,
                                        what: previousVersion.map { "the previous version \($0)" } ?? "the previous change")
                    ?? "the version before \(change.service) \(change.version ?? change.kind.rawValue) is not known (no earlier change or later rollback names it)")
            }
            throw GitRepository.Failure(missing.joined(separator: "; ") + "; tag releases vX.Y.Z or give the deploy records a sha column")
        }
        if change.kind == .rollback {
            return CommitRange(from: new.sha, to: old.sha, label: "\(new.label)..\(old.label)", takenOut: true)
        }
        return CommitRange(from: old.sha, to: new.sha, label: "\(old.label)..\(new.label)")
    }

    /// The tags a version may be released as, in the order tried.
    static func tagNames(for version: String) -> [String] {
        if version.hasPrefix("v") || version.hasPrefix("V") { return [version, String(version.dropFirst())] }
        return ["v" + version, version]
    }

    private static func end(version: String?, sha: String?, in repository: GitRepository) throws(GitRepository.Failure) -> (sha: String, label: String)? {
        if let version {
            for name in tagNames(for: version) {
                if let commit = try repository.commit(tag: name) { return (commit, name) }
            }
        }
        if let sha, let commit = try repository.commit(sha: sha) { return (commit, String(sha.prefix(12))) }
        return nil
    }

    /// `no tag v2.3.1 or 2.3.1 and no commit 9f2c7e1 for auth-service 2.3.1`; nil when nothing was tried.
    private static func describe(version: String?, sha: String?, what: String) -> String? {
        var tried = [String]()
        if let version { tried.append("tag " + tagNames(for: version).joined(separator: " or ")) }
        if let sha { tried.append("commit \(sha)") }
        guard !tried.isEmpty else { return nil }
        return "no \(tried.joined(separator: " and no ")) for \(what)"
    }
}
