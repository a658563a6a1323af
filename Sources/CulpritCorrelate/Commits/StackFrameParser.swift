import Foundation
import CulpritExtract

/// Reads the source file a stack-trace line names, for the runtimes whose
/// traces culprit sees most:
///
/// | runtime | frame |
/// |---|---|
/// | Java, Kotlin, Scala | `at com.x.SessionCache.put(SessionCache.java:42)` → `com/x/SessionCache.java` (package path + file) |
/// | Python | `File "/app/auth/session_cache.py", line 42, in put` |
/// | Go | `/src/auth/cache.go:42 +0x1d` (the whole line) |
/// | Node.js | `at put (/app/src/cache.js:10:5)`, `at /app/src/cache.js:10:5`, `file://` URLs |
/// | .NET | `at Cache.Put(String key) in /src/Cache.cs:line 42` |
/// | Ruby | `app/models/session.rb:42:in 'put'`, `from /app/x.rb:3:in \`block'` |
///
/// Windows separators become `/`; a URL scheme (`file://`, `webpack://`) is dropped.
/// Frames without a file (`Native Method`, `node:internal/…`) name nothing.
/// Matching is PCRE2 on the line's bytes; a parser holds its own match scratch,
/// so use one per thread.
package struct StackFrameParser {
    private let patterns: [(StackFrame.Runtime, CompiledRegex)]
    private let scratch = RegexScratch()

    /// Tried in this order; the JVM's comes before Node's, which also starts with `at `.
    static let sources: [(StackFrame.Runtime, String)] = [
        (.java, #"^\s*at\s+(?:[^\s/()]*/)*(?<class>[\w$]+(?:\.[\w$]+)*)\.[\w$<>-]+\((?<file>[\w$-]+\.(?:java|kt|kts|scala|groovy|clj))(?::(?<line>\d+))?\)"#),
        (.python, #"^\s*File "(?<file>[^"]+\.pyw?)", line (?<line>\d+)"#),
        (.dotnet, #"^\s*at\s+.+?\s+in\s+(?<file>.+?\.(?:cs|fs|vb)):line\s+(?<line>\d+)\s*$"#),
        (.node, #"^\s*at\s+(?:.*?\()?(?<file>[^\s()]+\.[cm]?[jt]sx?):(?<line>\d+)(?::\d+)?\)?\s*$"#),
        (.go, #"^\s*(?<file>[^\s:]*\.go):(?<line>\d+)(?:\s+\+0x[0-9a-fA-F]+)?\s*$"#),
        (.ruby, #"(?:^|\s)(?<file>[^\s:'"`()]+\.rb):(?<line>\d+):in\s"#),
    ]

    package init() {
        // The patterns are constants checked by the tests: a compile failure is a programming error.
        patterns = Self.sources.map { runtime, source in
            do { return (runtime, try CompiledRegex(source)) } catch { preconditionFailure("stack frame pattern for \(runtime): \(error)") }
        }
    }

    /// The frame `line` is, or nil when it is not one.
    package func frame(in line: String) -> StackFrame? {
        var line = line
        return line.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            for (runtime, regex) in patterns {
                guard let match = regex.firstMatch(in: raw, scratch: scratch), let fileRange = match.range(named: "file") else { continue }
                let file = String(decoding: raw[fileRange], as: UTF8.self)
                let number = match.range(named: "line").flatMap { Int(String(decoding: raw[$0], as: UTF8.self)) }
                var path = Self.normalised(file)
                if runtime == .java, let classRange = match.range(named: "class") {
                    let qualified = String(decoding: raw[classRange], as: UTF8.self)
                    let package = qualified.split(separator: ".").dropLast().joined(separator: "/")
                    path = package.isEmpty ? file : package + "/" + file
                }
                guard !path.isEmpty else { continue }
                return StackFrame(path: path, line: number, runtime: runtime)
            }
            return nil
        }
    }

    /// Every frame among `lines`, in order.
    package func frames<Lines: Sequence<String>>(in lines: Lines) -> [StackFrame] {
        lines.compactMap(frame(in:))
    }

    /// `/`-separated, without a URL scheme.
    static func normalised(_ file: String) -> String {
        var path = file.replacingOccurrences(of: "\\", with: "/")
        if let scheme = path.range(of: "://") { path = String(path[scheme.upperBound...]) }
        return path
    }
}
