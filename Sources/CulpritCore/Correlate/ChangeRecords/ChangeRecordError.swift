/// A change record file that cannot be used: `path:line: message`, or
/// `path: message` when it is about the whole file or a document without lines.
public struct ChangeRecordError: Error, CustomStringConvertible, Sendable {
    public var path: String
    /// 1-based; 0 when the message is about the whole file.
    public var line: Int
    public var message: String

    /// An error about `path` (at `line`, 1-based, or 0 for the whole file).
    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or `path: message` when it is about the whole file.
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
