/// A Java throwable as logback prints it under a record: the exception line,
/// `\tat` frames, an elided-frames marker and optional `Caused by:` sections.
struct JavaThrowable {
    var header: String
    var frames: [String]
    var elided: Int = 0
    var cause: [JavaThrowable] = []

    /// The throwable's text, lines joined with newlines (no final newline).
    var text: String {
        var lines = [header]
        lines += frames.map { "\tat \($0)" }
        if elided > 0 { lines.append("\t... \(elided) common frames omitted") }
        for nested in cause {
            lines.append("Caused by: " + nested.text)
        }
        return lines.joined(separator: "\n")
    }
}
