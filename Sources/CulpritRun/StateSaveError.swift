/// The report state could not be saved (`report --state DIR`): an output
/// failure, not bad input, so the command exits with the output-failure status.
public struct StateSaveError: Error, Sendable, CustomStringConvertible {
    /// The file or directory that could not be written.
    public var path: String
    /// What went wrong and what to do about it.
    public var message: String

    /// A failure to save `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
