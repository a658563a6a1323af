/// A source file named by one frame of a stack trace, with the line when the frame gives it.
package struct StackFrame: Sendable, Hashable {
    /// The runtimes whose frames `StackFrameParser` reads.
    package enum Runtime: String, Sendable, CaseIterable {
        case java, python, go, node, dotnet, ruby
    }

    /// The path as the frame names it, with `/` separators: absolute for most
    /// runtimes (`/app/auth/session_cache.py`), the package path for the JVM
    /// (`com/x/SessionCache.java`).
    package var path: String
    package var line: Int?
    package var runtime: Runtime

    package init(path: String, line: Int?, runtime: Runtime) {
        self.path = path
        self.line = line
        self.runtime = runtime
    }

    /// The path's parts, without empty and `.` parts: what is matched against a commit's paths.
    package var components: [Substring] { Self.components(of: path) }

    /// A frame in installed dependencies or the runtime itself: a folder named
    /// `site-packages`, `dist-packages`, `node_modules` or `gems`, Go's module
    /// cache (`pkg/mod`), or a system prefix (`/usr/lib/`, `/usr/local/lib/`,
    /// `/usr/local/go/`, `/opt/hostedtoolcache/`). Its file is not the
    /// repository's even when the name matches (`requests/api.py` is not `app/api.py`).
    package var isDependency: Bool {
        let parts = components
        if parts.contains(where: { Self.dependencyFolders.contains($0) }) { return true }
        if zip(parts, parts.dropFirst()).contains(where: { $0 == "pkg" && $1 == "mod" }) { return true }
        return Self.systemPrefixes.contains { path.hasPrefix($0) }
    }

    static let dependencyFolders: Set<Substring> = ["site-packages", "dist-packages", "node_modules", "gems"]
    static let systemPrefixes = ["/usr/lib/", "/usr/local/lib/", "/usr/local/go/", "/opt/hostedtoolcache/"]

    static func components(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    }
}
