/// An RFC 3339 time with its zone and one space before each line, as collectors
/// stamp what they pass on: `docker logs -t` and `kubectl logs --timestamps`
/// (`2025-03-12T01:50:00.123456789Z …`, Go's `RFC3339NanoFixed`), CI runners. The
/// rest of the line is the program's own line.
///
/// A stamp followed by a syslog header (`journalctl -o short-iso`:
/// `2025-05-20T08:00:16+0000 billing-01 billing-api[19212]: …`) is syslog, not a
/// wrapper: the header names the host and the program.
enum TimestampPrefix {
    /// The end of a leading stamp (the space after it), judged by its shape alone:
    /// `YYYY-MM-DDTHH:MM:SS`, any fraction, then `Z` or a `±HH:MM`/`±HHMM` offset.
    static func end(of line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count > 21, line[0] &- 48 < 10, line[4] == UInt8(ascii: "-"), line[7] == UInt8(ascii: "-"),
              line[10] == UInt8(ascii: "T"), line[13] == UInt8(ascii: ":") else { return nil }
        var index = 19
        while index < min(line.count, 40), line[index] != 0x20 { index += 1 }
        guard index < line.count, index < 40, line[index - 1] == UInt8(ascii: "Z") || line[index - 3] == UInt8(ascii: "+")
                || line[index - 3] == UInt8(ascii: "-") || line[index - 3] == UInt8(ascii: ":")
                || line[index - 5] == UInt8(ascii: "+") || line[index - 5] == UInt8(ascii: "-") else { return nil }
        return index
    }

    /// Where the wrapped line starts, nil when `line` has no stamp or is syslog.
    static func messageStart(of line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let end = end(of: line), !SyslogHeader.follows(line, after: end) else { return nil }
        return end + 1
    }
}
