/// Failures loggen reports to the person at the terminal.
enum LoggenError: Error, CustomStringConvertible {
    case cannotWrite(String)
    case cannotCreateDirectory(String, underlying: String)

    var description: String {
        switch self {
        case .cannotWrite(let path):
            return "\(path): cannot create the file; check that its folder is writable"
        case .cannotCreateDirectory(let path, let underlying):
            return "\(path): cannot create the folder (\(underlying))"
        }
    }
}
