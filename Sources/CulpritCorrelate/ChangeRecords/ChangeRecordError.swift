/// A change record file that cannot be used: `path:line: message`, or
/// `path: message` when it is about the whole file or a document without lines.
public struct ChangeRecordError: Error, CustomStringConvertible, Sendable {
    /// The file, as given.
    public var path: String
    /// 1-based; 0 when the message is about the whole file.
    public var line: Int
    /// What is wrong, and what to do about it.
    public var message: String

    /// An error about `path` (at `line`, 1-based, or 0 for the whole file).
    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or `path: message` when it is about the whole file;
    /// always one line: a carriage return or other control character quoted from
    /// the file is shown as `?`.
    public var description: String {
        let oneLine = String(message.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return line > 0 ? "\(path):\(line): \(oneLine)" : "\(path): \(oneLine)"
    }
}
