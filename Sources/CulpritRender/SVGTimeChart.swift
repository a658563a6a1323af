/// One inline SVG chart of a value over time: a line (with a light area under
/// it), an optional thin upper line (latency's slowest beside its mean),
/// labelled vertical change markers, optional red event points (OOM kills) and
/// an optional dashed limit. Each stretch of data is its own subpath: where the
/// line has a gap, nothing is drawn.
///
/// Drawn in a fixed coordinate system (`width` wide, CSS scales it to the page)
/// with a label band above the plot as tall as the staggered marker labels need.
struct SVGTimeChart {
    /// What the line shows, and the CSS class that colours it (`mem`, `err`).
    var seriesClass: String
    var accessibleLabel: String
    var axis: TimeAxis
    var values: ValueAxis
    var line: ChartLine
    /// A second, thin line above the first (no area): the slowest request beside the mean.
    var upper: ChartLine?
    var markers: [ChartMarker] = []
    /// Red points (OOM kills), set on the line where it has a value, else at the top of the plot.
    var events: [Int64] = []
    var eventName = "OOM kill"
    /// A horizontal limit line and its label.
    var limit: (value: Double, label: String)?
    var plotHeight = 190.0

    static let width = 1100.0
    static let left = 70.0
    static let right = width - 20
    static let rowHeight = 14.0

    func render(into out: inout HTMLWriter) {
        let plotWidth = Self.right - Self.left
        let markers = self.markers.filter { axis.contains($0.time) }.sorted { $0.time < $1.time }
        let markerXs = markers.map { Self.left + axis.fraction($0.time) * plotWidth }
        let labels = ChartMarker.labelled(markers, xs: markerXs)
        let layout = MarkerLabelLayout(markers: labels.map(\.marker), xs: labels.map(\.x), plotLeft: Self.left, plotRight: Self.right)
        let plotTop = 10 + Double(layout.rowCount) * Self.rowHeight + (layout.rowCount > 0 ? 6 : 0)
        let plotBottom = plotTop + plotHeight
        let height = plotBottom + 38
        func x(_ time: Int64) -> Double { Self.left + axis.fraction(time) * plotWidth }
        func y(_ value: Double) -> Double { plotBottom - min(max(value / values.top, 0), 1) * plotHeight }

        out.raw("<svg class=\"chart\" viewBox=\"0 0 ")
        out.coordinate(Self.width)
        out.raw(" ")
        out.coordinate(height)
        out.raw("\" role=\"img\" aria-label=\"")
        out.text(accessibleLabel)
        out.raw("\">\n")

        out.raw("<g class=\"grid\">")
        for (tick, label) in zip(values.ticks, values.labels) {
            let tickY = y(tick)
            out.raw("<line x1=\""); out.coordinate(Self.left); out.raw("\" x2=\""); out.coordinate(Self.right)
            out.raw("\" y1=\""); out.coordinate(tickY); out.raw("\" y2=\""); out.coordinate(tickY); out.raw("\"/>")
            out.raw("<text class=\"ytick\" x=\""); out.coordinate(Self.left - 8); out.raw("\" y=\""); out.coordinate(tickY + 4)
            out.raw("\">"); out.text(label); out.raw("</text>")
        }
        out.raw("</g>\n")

        if let limit, limit.value <= values.top {
            let limitY = y(limit.value)
            out.raw("<g class=\"limit\"><line x1=\""); out.coordinate(Self.left); out.raw("\" x2=\""); out.coordinate(Self.right)
            out.raw("\" y1=\""); out.coordinate(limitY); out.raw("\" y2=\""); out.coordinate(limitY)
            out.raw("\"/><text x=\""); out.coordinate(Self.right - 4); out.raw("\" y=\""); out.coordinate(limitY - 5)
            out.raw("\">"); out.text(limit.label); out.raw("</text></g>\n")
        }

        for (index, marker) in markers.enumerated() {
            out.raw("<g class=\"marker m-"); out.raw(marker.style.rawValue); out.raw(marker.emphasized ? " focus" : "")
            out.raw("\"><title>"); out.text(marker.tooltip); out.raw("</title><line x1=\"")
            out.coordinate(markerXs[index]); out.raw("\" x2=\""); out.coordinate(markerXs[index])
            out.raw("\" y1=\""); out.coordinate(plotTop); out.raw("\" y2=\""); out.coordinate(plotBottom)
            out.raw("\"/></g>\n")
        }
        // Stems from the plot up to each label's row, then the labels over all
        // lines: a line that has to pass behind a label does not cross its text.
        let rows = layout.placements.map { $0.row.map { plotTop - 6 - Double($0) * Self.rowHeight } }
        for (index, label) in labels.enumerated() {
            guard let baseline = rows[index] else { continue }
            out.raw("<g class=\"marker m-"); out.raw(label.marker.style.rawValue); out.raw(label.marker.emphasized ? " focus" : "")
            out.raw("\"><line x1=\""); out.coordinate(label.x); out.raw("\" x2=\""); out.coordinate(label.x)
            out.raw("\" y1=\""); out.coordinate(baseline - 9); out.raw("\" y2=\""); out.coordinate(plotTop); out.raw("\"/></g>\n")
        }
        for (index, label) in labels.enumerated() {
            guard let baseline = rows[index] else { continue }
            let placement = layout.placements[index]
            out.raw("<text class=\"mlabel m-"); out.raw(label.marker.style.rawValue); out.raw(label.marker.emphasized ? " focus" : "")
            out.raw("\" x=\""); out.coordinate(placement.leftOfLine ? placement.right : placement.left)
            out.raw("\" y=\""); out.coordinate(baseline)
            out.raw(placement.leftOfLine ? "\" text-anchor=\"end\">" : "\">")
            out.text(label.marker.label); out.raw("</text>\n")
        }

        if let upper { drawLine(upper, area: false, cssClass: "upper " + seriesClass, into: &out, x: x, y: y, baseline: plotBottom) }
        drawLine(line, area: true, cssClass: seriesClass, into: &out, x: x, y: y, baseline: plotBottom)

        var lastEventX = -Double.infinity
        for time in events.sorted() where axis.contains(time) {
            let eventX = x(time)
            guard eventX - lastEventX >= 2 else { continue }
            lastEventX = eventX
            out.raw("<circle class=\"event\" r=\"4.5\" cx=\""); out.coordinate(eventX); out.raw("\" cy=\"")
            out.coordinate(line.value(at: time).map(y) ?? plotTop); out.raw("\"><title>"); out.text(eventName)
            out.raw(" at "); out.text(axis.clock.minute(time)); out.raw("</title></circle>")
        }
        if !events.isEmpty { out.raw("\n") }

        out.raw("<g class=\"xaxis\"><line x1=\""); out.coordinate(Self.left); out.raw("\" x2=\""); out.coordinate(Self.right)
        out.raw("\" y1=\""); out.coordinate(plotBottom); out.raw("\" y2=\""); out.coordinate(plotBottom); out.raw("\"/>")
        for (index, tick) in axis.ticks.enumerated() {
            let tickX = x(tick)
            // A label centred on a tick at the plot's edge would run into the
            // value labels (left) or off the chart (right): align it to the edge instead.
            let anchor = tickX - Self.left < 20 ? "\" text-anchor=\"start\">" : Self.right - tickX < 20 ? "\" text-anchor=\"end\">"
                : "\" text-anchor=\"middle\">"
            out.raw("<line x1=\""); out.coordinate(tickX); out.raw("\" x2=\""); out.coordinate(tickX)
            out.raw("\" y1=\""); out.coordinate(plotBottom); out.raw("\" y2=\""); out.coordinate(plotBottom + 4); out.raw("\"/>")
            out.raw("<text x=\""); out.coordinate(tickX); out.raw("\" y=\""); out.coordinate(plotBottom + 16); out.raw(anchor)
            out.text(axis.clockLabel(tick)); out.raw("</text>")
            if let date = axis.dateLabel(at: index) {
                out.raw("<text class=\"date\" x=\""); out.coordinate(tickX); out.raw("\" y=\""); out.coordinate(plotBottom + 30)
                out.raw(anchor); out.text(date); out.raw("</text>")
            }
        }
        out.raw("<text class=\"zone\" x=\""); out.coordinate(Self.right); out.raw("\" y=\""); out.coordinate(plotBottom + 30)
        // The zone of the ticks: the reader's, named at the start of the axis.
        out.raw("\">"); out.text(axis.clock.label(axis.start)); out.raw("</text></g>\n</svg>\n")
    }

    /// The area (when `area`) and the line, one subpath per stretch without gaps;
    /// a stretch of one sample is a dot, since a one-point path draws nothing.
    private func drawLine(_ line: ChartLine, area: Bool, cssClass: String, into out: inout HTMLWriter,
                          x: (Int64) -> Double, y: (Double) -> Double, baseline: Double) {
        let points = line.points
        guard !points.isEmpty else { return }
        var segments = [Range<Int>]()
        var start = 0
        for index in 1..<max(points.count, 1) where points[index].startsSegment {
            segments.append(start..<index)
            start = index
        }
        segments.append(start..<points.count)

        if area {
            out.raw("<path class=\"area "); out.raw(cssClass); out.raw("\" d=\"")
            for segment in segments where segment.count > 1 {
                out.raw("M"); out.coordinate(x(points[segment.lowerBound].time)); out.raw(" "); out.coordinate(baseline)
                for index in segment {
                    out.raw("L"); out.coordinate(x(points[index].time)); out.raw(" "); out.coordinate(y(points[index].value))
                }
                out.raw("L"); out.coordinate(x(points[segment.upperBound - 1].time)); out.raw(" "); out.coordinate(baseline); out.raw("Z")
            }
            out.raw("\"/>\n")
        }
        out.raw("<path class=\"line "); out.raw(cssClass); out.raw("\" d=\"")
        for segment in segments where segment.count > 1 {
            for index in segment {
                out.raw(index == segment.lowerBound ? "M" : "L")
                out.coordinate(x(points[index].time)); out.raw(" "); out.coordinate(y(points[index].value))
            }
        }
        out.raw("\"/>\n")
        for segment in segments where segment.count == 1 {
            let point = points[segment.lowerBound]
            out.raw("<circle class=\"dot "); out.raw(cssClass); out.raw(area ? "\" r=\"3\" cx=\"" : "\" r=\"2\" cx=\""); out.coordinate(x(point.time))
            out.raw("\" cy=\""); out.coordinate(y(point.value)); out.raw("\"/>")
        }
        out.raw("\n")
    }
}
