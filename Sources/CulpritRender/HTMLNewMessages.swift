import CulpritCorrelate

/// The report's "New messages" section: per service, the error and warning
/// messages that came with a change (first seen after it, or several times as
/// frequent), strongest first, each with the first line that shows it. Left out
/// when no message came with a change.
struct HTMLNewMessages {
    var templates: [ServiceTemplates]

    /// Messages shown per service.
    static let perService = 5
    static let anchor = "messages"

    var isEmpty: Bool { templates.allSatisfy { $0.newEntries.isEmpty } }

    func render(clock: ReportClock, into out: inout HTMLWriter) {
        guard !isEmpty else { return }
        out.raw("<h2 id=\"\(Self.anchor)\">New messages<small>error and warning messages first seen after a change, "
            + "or several times as frequent after it</small></h2>\n")
        out.raw("<div class=\"table-box\"><table class=\"messages stack\">\n<thead><tr><th>Service</th><th>Message</th><th class=\"num\">Count</th>"
            + "<th>First seen</th><th>Since</th></tr></thead>\n<tbody>\n")
        for service in templates {
            for entry in service.newEntries.prefix(Self.perService) {
                guard let novelty = entry.novelty else { continue }
                let template = entry.template
                out.raw("<tr><td class=\"svc\">"); out.text(service.service)
                out.raw("</td><td><code>"); out.text(MessageEvidence.cut(template.text)); out.raw("</code>")
                if template.kind == .error { out.raw(" <span class=\"muted\">error</span>") }
                HTMLReport.lines(template.examples.prefix(1), into: &out)
                out.raw("</td><td class=\"num\">"); out.int(template.count)
                out.raw("</td><td class=\"time\">"); out.text(clock.cell(template.firstSeen))
                out.raw("</td><td>")
                out.text(novelty.how == .new ? "new since " : "more frequent since ")
                out.text(novelty.change.label)
                if novelty.how == .rose, let before = novelty.rateBefore {
                    out.raw(" <span class=\"muted\">(")
                    out.text(MessageEvidence.rate(before) + " → " + MessageEvidence.rate(novelty.ratePerMinute))
                    out.raw(")</span>")
                }
                out.raw("</td></tr>\n")
            }
        }
        out.raw("</tbody>\n</table></div>\n")
    }
}
