/// Where the bytes of one input come from. Implementations read into the
/// caller's buffer; 0 means end of input.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

/// An input that could not be read, with the message the user sees.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
