/// Where the bytes of one input come from. Implementations read into the
/// caller's buffer; 0 means end of input.
package protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

/// An input that could not be read, with the message the user sees.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The input, as culprit prints it.
    public var path: String
    /// What went wrong, for the person at the terminal.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
