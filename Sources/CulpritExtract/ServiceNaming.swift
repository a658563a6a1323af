import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names the service a file belongs to when its lines do not say.
///
/// In order: a `--service NAME=GLOB` rule matching the path; the container of a
/// Kubernetes log path (`/var/log/pods/<ns>_<pod>_<uid>/<container>/0.log`,
/// `/var/log/containers/<pod>_<ns>_<container>-<id>.log`); a meaningful parent
/// folder (`auth-service/auth.log` → `auth-service`; not `logs/`, `var/`, dates or
/// numbers); else the file name without
/// extensions, rotation numbers and date stamps (`api-gateway.log.2.gz` →
/// `api-gateway`).
public struct ServiceNaming: Sendable {
    /// A `--service NAME=GLOB` rule.
    public struct Rule: Sendable {
        /// The service name.
        public var name: String
        /// The glob a file's path must match.
        public var glob: String

        /// Files matching `glob` belong to `name`.
        public init(name: String, glob: String) {
            self.name = name
            self.glob = glob
        }

        /// Parses `NAME=GLOB`.
        public init?(argument: String) {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
            name = String(argument[..<equals])
            glob = String(argument[argument.index(after: equals)...])
            if glob.isEmpty { return nil }
        }
    }

    /// The rules, in the order given.
    public var rules: [Rule]

    /// Naming by `rules`, then by path.
    public init(rules: [Rule] = []) { self.rules = rules }

    /// Folder names that say nothing about the service.
    static let genericFolders: Set<String> = [
        "", ".", "..", "log", "logs", "var", "tmp", "data", "archive", "archives", "old", "current", "app", "apps",
        "output", "out", "samples", "sample", "incident", "prod", "production", "staging", "dev", "containers", "pods",
        "home", "root", "srv", "opt", "work", "shared", "realdata", "formats", "journal", "rotated",
    ]

    /// The `--service` override for `path`, if a rule matches.
    public func override(for path: String) -> String? {
        for rule in rules where Self.globMatches(rule.glob, path) { return rule.name }
        return nil
    }

    /// The service named by the path alone.
    public func serviceFromPath(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let fileName = components.last else { return "stdin" }
        if let podsIndex = components.lastIndex(of: "pods"), components.count >= podsIndex + 4 {
            return components[podsIndex + 2]
        }
        if components.dropLast().last == "containers", let container = Self.containerFromContainersLog(fileName) {
            return container
        }
        if let parent = components.dropLast().last, Self.isMeaningfulFolder(parent) {
            return parent
        }
        let stem = Self.stem(fileName)
        return stem.isEmpty ? fileName : stem
    }

    /// The workload a Kubernetes pod belongs to, for when only the pod is known:
    /// a Deployment's `auth-7d9f8c6b5-x2k4p` (replica set hash, pod suffix) and a
    /// DaemonSet's or Job's `node-exporter-x2k4p` lose their suffixes, a
    /// StatefulSet's `postgres-0` its ordinal. The generated parts are recognised by
    /// Kubernetes' own alphabet for them (`bcdfghjklmnpqrstvwxz2456789`: no vowels,
    /// so no word), a suffix by its 5 characters, a hash by its 6 to 10.
    public static func workload(ofPod pod: String) -> String {
        var parts = pod.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return pod }
        if let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber) {
            parts.removeLast()
            return parts.joined(separator: "-")
        }
        guard let suffix = parts.last, suffix.count == 5, isGenerated(suffix) else { return pod }
        parts.removeLast()
        if parts.count >= 2, let hash = parts.last, (6...10).contains(hash.count), isGenerated(hash) { parts.removeLast() }
        return parts.joined(separator: "-")
    }

    /// Characters from Kubernetes' alphabet for generated names only.
    private static func isGenerated(_ part: Substring) -> Bool {
        part.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "2") && byte <= UInt8(ascii: "9") && byte != UInt8(ascii: "3"))
                || (byte >= UInt8(ascii: "b") && byte <= UInt8(ascii: "z") && !"eiouy".utf8.contains(byte))
        }
    }

    /// A folder that names a service: not a generic word, a number or a date.
    static func isMeaningfulFolder(_ folder: String) -> Bool {
        let lowered = folder.lowercased()
        if genericFolders.contains(lowered) { return false }
        if lowered.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) { return false }
        return true
    }

    /// `auth.log.2.gz` → `auth`; `api-2025-03-12.log` → `api`; `web.log-20250312` → `web`.
    static func stem(_ fileName: String) -> String {
        var parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let dropped: Set<String> = ["log", "logs", "gz", "json", "jsonl", "ndjson", "txt", "out", "err", "bz2", "xz", "zst"]
        while parts.count > 1, let last = parts.last,
              dropped.contains(last.lowercased()) || last.allSatisfy(\.isNumber) || last.hasPrefix("log-") {
            parts.removeLast()
        }
        var stem = parts.joined(separator: ".")
        // Date stamps: -20250312, _2025-03-12, .2025-03-12
        while let range = stem.range(of: #"[-_.]\d{4}-?\d{2}-?\d{2}(T?\d{2,6})?$"#, options: .regularExpression) {
            stem.removeSubrange(range)
        }
        return stem
    }

    /// `/var/log/containers/<pod>_<namespace>_<container>-<64 hex>.log` → container.
    static func containerFromContainersLog(_ fileName: String) -> String? {
        let stem = fileName.hasSuffix(".log") ? String(fileName.dropLast(4)) : fileName
        let parts = stem.split(separator: "_")
        guard parts.count >= 3, let last = parts.last, let dash = last.lastIndex(of: "-") else { return nil }
        let id = last[last.index(after: dash)...]
        guard id.count >= 12, id.allSatisfy(\.isHexDigit) else { return nil }
        return String(last[..<dash])
    }

    /// Shell-style glob (`*`, `?`, `[…]`; `**` crosses `/`) against the path or its base name.
    static func globMatches(_ glob: String, _ path: String) -> Bool {
        if fnmatch(glob, path, 0) == 0 { return true }
        if !glob.contains("/"), let base = path.split(separator: "/").last, fnmatch(glob, String(base), 0) == 0 { return true }
        return fnmatch(glob, path, 1 << 3) == 0  // FNM_LEADING_DIR: a glob naming a folder matches the files in it
    }
}
