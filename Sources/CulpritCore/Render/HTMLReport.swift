import Foundation

/// The HTML report page. (Being replaced by the full report with charts.)
struct HTMLReport {
    var findings: Findings
    var title: String

    func render() -> String {
        "<!doctype html><meta charset=utf-8><title>\(title)</title><pre>" + FindingsMarkdown.render(findings)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</pre>"
    }
}
