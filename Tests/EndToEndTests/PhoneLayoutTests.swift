import Foundation
import Testing
@testable import CulpritModel
@testable import CulpritCorrelate
@testable import CulpritRender

/// The HTML report on a phone: at 390 px nothing makes the page scroll sideways.
/// Measured by a real browser laying the unchanged page out in a 390 px frame.
@Suite struct PhoneLayoutTests {
    static let phoneWidth = 390

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (scripts/install-deps.sh test installs it)"))
    func theReportIsNoWiderThanAPhone() throws {
        for (name, findings) in [("leak", PhoneScenario.findings), ("busy", BusyScenario.findings)] {
            let layout = try Chromium.layout(of: FindingsHTML.render(findings), width: Self.phoneWidth, name: name)
            #expect(layout.viewport == Self.phoneWidth, "the frame is \(layout.viewport) px wide")
            #expect(layout.scrollWidth <= layout.viewport,
                    "\(name): the page is \(layout.scrollWidth) px wide in a \(layout.viewport) px window; too wide: \(layout.overflowing)")
            #expect(layout.charts > 0, "\(name): no chart was laid out")
            #expect(layout.widestChart <= layout.viewport, "\(name): a chart is \(layout.widestChart) px wide")
        }
    }

    /// The measurement itself can fail: a page with one element wider than the
    /// phone is reported as wider, and that element is named.
    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (scripts/install-deps.sh test installs it)"))
    func aWideElementIsCaught() throws {
        let html = FindingsHTML.render(PhoneScenario.findings)
            .replacingOccurrences(of: "<main>", with: "<main><div id=\"too-wide\" style=\"width:900px;height:10px\"></div>")
        let layout = try Chromium.layout(of: html, width: Self.phoneWidth, name: "wide")
        #expect(layout.scrollWidth >= 900)
        #expect(layout.overflowing.contains("too-wide"))
    }

    @Test func tablesAndCitedLinesScrollInsideTheirOwnBox() {
        let html = FindingsHTML.render(PhoneScenario.findings)
        #expect(html.occurrences(of: "<table") == html.occurrences(of: "<div class=\"table-box\"><table"), "every table is in a scrolling box")
        #expect(ReportStyle.css.contains(".table-box{max-width:100%;overflow-x:auto"))
        #expect(ReportStyle.css.contains("overflow-wrap:anywhere;max-width:100%;overflow-x:auto}"), "cited lines wrap, else scroll in their box")
        #expect(ReportStyle.css.contains("svg.chart{display:block;width:100%;height:auto"), "charts scale to the width")
    }
}

/// The leak scenario with what is hardest to fit: a long service name, a cited
/// line of one unbroken token, a long path.
enum PhoneScenario {
    static var findings: Findings {
        var findings = LeakScenario.findings
        let token = String(repeating: "0123456789abcdef", count: 20)
        let long = EvidenceLine(ref: SourceRef(path: "logs/" + String(repeating: "very-long-directory-name/", count: 6) + "app.log", line: 123_456),
                                time: LeakScenario.time(150), text: "ERROR token=" + token)
        findings.anomalies.append(Anomaly(service: "payments-reconciliation-batch-worker", kind: .errorSpike, start: LeakScenario.time(150),
                                          end: LeakScenario.time(160), summary: "errors rose to " + token, evidence: [long], magnitude: 40))
        findings.timeline = TimelineBuilder.build(suspects: findings.suspects, anomalies: findings.anomalies, changes: findings.changes)
        return findings
    }
}

extension Chromium {
    /// How a page lays out in a frame `width` px wide.
    struct Layout {
        /// The frame's width, px (the page's `innerWidth`).
        var viewport: Int
        /// How wide the page's document is, px: more than `viewport` scrolls sideways.
        var scrollWidth: Int
        var charts: Int
        var widestChart: Int
        /// The outermost elements that reach past the frame's right edge.
        var overflowing: String
    }

    /// Lays `html` out in a `width` px iframe of a wrapper page and reads the
    /// document's `scrollWidth` against the frame's `innerWidth`. The page itself
    /// is unchanged: the wrapper's script reads the frame (same folder, so file
    /// access is allowed with `--allow-file-access-from-files`) and writes the
    /// figures into its own DOM, which `--dump-dom` prints.
    static func layout(of html: String, width: Int, name: String) throws -> Layout {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("culprit-phone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try html.write(to: folder.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
        let wrapper = """
        <!doctype html><html><head><meta charset="utf-8"><script>
        function measure(frame) {
          var w = frame.contentWindow, d = w.document, e = d.documentElement, out = [];
          d.querySelectorAll('body *').forEach(function (n) {
            var r = n.getBoundingClientRect(), p = n.parentElement.getBoundingClientRect();
            if (r.right > w.innerWidth + 0.5 && p.right <= w.innerWidth + 0.5) out.push(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && n.className.baseVal === undefined ? '.' + n.className : '') + ' ' + Math.round(r.width) + 'px');
          });
          var charts = d.querySelectorAll('svg.chart'), widest = 0;
          charts.forEach(function (c) { widest = Math.max(widest, Math.ceil(c.getBoundingClientRect().right)); });
          document.getElementById('result').textContent = 'LAYOUT ' + w.innerWidth + ' ' + e.scrollWidth + ' ' + charts.length + ' ' + widest + ' ' + out.slice(0, 8).join('; ') + ' END';
        }
        </script></head><body style="margin:0">
        <pre id="result">not measured</pre>
        <iframe src="\(name).html" style="width:\(width)px;height:900px;border:0;display:block" onload="measure(this)"></iframe>
        </body></html>
        """
        let page = folder.appendingPathComponent("wrapper.html")
        try wrapper.write(to: page, atomically: true, encoding: .utf8)
        guard let path else { throw Failure(description: "chromium is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--allow-file-access-from-files", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--window-size=\(width + 400),1000", "--virtual-time-budget=5000", "--dump-dom", page.absoluteString]
        let dumped = folder.appendingPathComponent("dom.html")
        _ = FileManager.default.createFile(atPath: dumped.path, contents: nil)
        let output = try FileHandle(forWritingTo: dumped)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try run(process, toDo: "lay the page out")
        let dom = try String(contentsOf: dumped, encoding: .utf8)
        // The result as the script wrote it into the DOM (the script's own text names the markers too).
        guard let start = dom.range(of: "<pre id=\"result\">LAYOUT "),
              let end = dom.range(of: " END", range: start.upperBound..<dom.endIndex) else {
            throw Failure(description: "chromium (exit \(process.terminationStatus)) did not measure the page: \(dom.prefix(300))")
        }
        let fields = dom[start.upperBound..<end.lowerBound].split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count >= 4, let viewport = Int(fields[0]), let scrollWidth = Int(fields[1]), let charts = Int(fields[2]),
              let widest = Int(fields[3]) else {
            throw Failure(description: "unreadable measurement: \(dom[start.upperBound..<end.lowerBound])")
        }
        return Layout(viewport: viewport, scrollWidth: scrollWidth, charts: charts, widestChart: widest,
                      overflowing: fields.count > 4 ? String(fields[4]) : "")
    }
}
