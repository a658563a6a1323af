import CulpritCorrelate

/// `--format html`: a self-contained report page (inline CSS and SVG, no scripts).
public enum FindingsHTML {
    /// The page for `findings`, titled `title`, its times on `clock`.
    public static func render(_ findings: Findings, title: String = "culprit report", clock: DisplayClock = .utc) -> String {
        HTMLReport(findings: findings, title: title, display: clock).render()
    }
}
