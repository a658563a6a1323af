import Foundation

/// One `--deploys [NAME=]FILE` argument: the file, and the service it is about
/// when the file does not say (a Helm release's history never names its release).
public struct ChangeRecordSource: Sendable, Hashable {
    /// The file, as given.
    public var path: String
    /// The service every record of the file is about, from `NAME=`.
    public var name: String?

    /// The file at `path`, about service `name` when given.
    public init(path: String, name: String? = nil) {
        self.path = path
        self.name = name
    }

    /// Reads `NAME=FILE` or `FILE`. An argument that names an existing file is
    /// that file even when it holds a `=`; otherwise the text before the first
    /// `=` is NAME when it is not empty and holds no `/`.
    public init(argument: String) {
        if !FileManager.default.fileExists(atPath: argument), let equals = argument.firstIndex(of: "="),
           equals != argument.startIndex, !argument[..<equals].contains("/") {
            self.init(path: String(argument[argument.index(after: equals)...]), name: String(argument[..<equals]))
        } else {
            self.init(path: argument)
        }
    }

    /// The file's name up to its first dot: `auth.helm.json` is about `auth`.
    public var fileStem: String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let stem = file.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? file
        return stem.isEmpty ? file : stem
    }
}
