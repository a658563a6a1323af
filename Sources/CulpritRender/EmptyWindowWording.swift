import CulpritCorrelate

/// The sentence every format (and stderr) gives a window that selected no log
/// line, in place of "No anomalies found": where the window was, and where the
/// lines read were.
public enum EmptyWindowWording {
    /// `no log lines between 2025-03-13 01:00 and 07:00 WAT; the newest line read is
    /// 2025-03-12 05:44 WAT (logs/auth.log:2600)`; nil when the window was not empty.
    public static func sentence(_ findings: Findings, clock: DisplayClock) -> String? {
        guard let empty = findings.emptyWindow else { return nil }
        let window: String
        switch (empty.since, empty.until) {
        case let (since?, until?): window = "between " + clock.range(since, until, separator: " and ")
        case let (since?, nil): window = "since " + clock.minute(since)
        case let (nil, until?): window = "before " + clock.minute(until)
        case (nil, nil): window = "in the window"
        }
        let lines = empty.linesRead
        var text = "no log lines \(window); the newest line read is \(clock.minute(lines.newest.time)) (\(lines.newest.ref))"
        // A window that ends before the logs begin: the newest line says little, the oldest says where they start.
        if let until = empty.until, lines.oldest.time > until, lines.oldest != lines.newest {
            text += ", the oldest \(clock.minute(lines.oldest.time)) (\(lines.oldest.ref))"
        }
        return text
    }
}
