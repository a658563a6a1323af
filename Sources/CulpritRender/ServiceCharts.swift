import CulpritModel
import CulpritCorrelate

/// The charts of one service: memory over time, the error rate over time and,
/// for a service that became slow (or has nothing else to chart), latency over
/// time, each with the service's changes (and other services' deploys, faintly)
/// as labelled vertical lines. Lines break across minutes without data and
/// across the service's OOM kills and restarts. A service without memory,
/// error or latency data has none.
struct ServiceCharts {
    var service: String
    var memory: SVGTimeChart?
    var errors: SVGTimeChart?
    var latency: SVGTimeChart?
    /// What the error chart's line is: a share of requests or a count per minute.
    var errorsArePercent = false
    /// A memory limit too far above the data to draw without flattening the line.
    var offChartLimit: Double?

    /// A memory limit is drawn when it is at most this many times the peak.
    static let limitDrawnWithin = 3.0

    /// The charts for `series`, or nil when it has nothing to chart; `slowed`
    /// says the service has a latency anomaly, which earns it a latency chart.
    init?(series: ServiceSeries, changes: [ChangeMarker], focus: ChangeMarker?, axis: TimeAxis, slowed: Bool = false) {
        service = series.service
        let markers = changes.compactMap { change -> ChartMarker? in
            if change.service == series.service { return ChartMarker(change, own: true, emphasized: change == focus, clock: axis.clock) }
            return change.kind == .deploy || change == focus ? ChartMarker(change, own: false, emphasized: change == focus, clock: axis.clock) : nil
        }
        // A line does not run across a death or a restart of the service's process.
        let breaks = series.ooms + changes.filter { $0.service == series.service && $0.kind == .restart }.map(\.time)
        if !series.memory.isEmpty {
            let line = ChartLine(minutes: series.memory.map { ($0.minute, $0.bytes) }, breaks: breaks)
            let peak = line.maximum ?? 0
            var limit: (value: Double, label: String)?
            if let bytes = series.memoryLimit, bytes > 0 {
                if bytes <= peak * Self.limitDrawnWithin { limit = (bytes, "limit " + ValueFormatting.bytes(bytes)) } else { offChartLimit = bytes }
            }
            memory = SVGTimeChart(seriesClass: "mem", accessibleLabel: series.service + " memory over time", axis: axis,
                                  values: .bytes(max: max(peak, limit?.value ?? 0)), line: line, markers: markers,
                                  events: series.ooms, limit: limit, plotHeight: 190)
        }
        if series.errors.contains(where: { $0.errors > 0 || $0.requests > 0 }) {
            errorsArePercent = series.errors.contains { $0.requests > 0 }
            let samples = errorsArePercent ? Self.percentages(series.errors)
                                           : Self.counts(series.errors, logging: series.memory.map(\.minute), breaks: breaks)
            let line = ChartLine(minutes: samples, breaks: breaks)
            let peak = line.maximum ?? 0
            errors = SVGTimeChart(seriesClass: "err", accessibleLabel: series.service + " errors over time", axis: axis,
                                  values: errorsArePercent ? .percent(max: peak) : .count(max: peak), line: line, markers: markers,
                                  events: memory == nil ? series.ooms : [], plotHeight: 130)
        }
        if !series.latency.isEmpty, slowed || (memory == nil && errors == nil) {
            let mean = ChartLine(minutes: series.latency.map { ($0.minute, $0.mean) }, breaks: breaks)
            let slowest = ChartLine(minutes: series.latency.map { ($0.minute, $0.slowest) }, breaks: breaks)
            latency = SVGTimeChart(seriesClass: "lat", accessibleLabel: series.service + " latency over time", axis: axis,
                                   values: .seconds(max: max(slowest.maximum ?? 0, mean.maximum ?? 0)), line: mean, upper: slowest,
                                   markers: markers, events: memory == nil && errors == nil ? series.ooms : [], plotHeight: 130)
        }
        if memory == nil, errors == nil, latency == nil { return nil }
    }

    /// Errors ÷ requests per minute, as a percentage (capped at 100: error records
    /// that are not request lines can outnumber requests). Minutes without requests have no rate.
    static func percentages(_ minutes: [(minute: Int64, errors: Int, requests: Int)]) -> [(minute: Int64, value: Double)] {
        minutes.compactMap { minute in
            minute.requests > 0 ? (minute.minute, min(100, Double(minute.errors) * 100 / Double(minute.requests))) : nil
        }
    }

    /// Errors per minute. A service's minutes exist only when it logged something
    /// countable, so a minute without an entry counts as zero errors when the
    /// service was evidently logging then: it reported its memory that minute, or
    /// the minute lies in a short gap (at most `ChartLine.gapMinutes`) between two
    /// entries with no death or restart (`breaks`, microseconds) in it: a process
    /// that was down logged nothing, which is not zero errors. Longer silences stay gaps.
    static func counts(_ minutes: [(minute: Int64, errors: Int, requests: Int)], logging: [Int64] = [],
                       breaks: [Int64] = []) -> [(minute: Int64, value: Double)] {
        var byMinute = [Int64: Double]()
        for minute in minutes { byMinute[minute.minute, default: 0] += Double(minute.errors) }
        for minute in logging where byMinute[minute] == nil { byMinute[minute] = 0 }
        let breakMinutes = breaks.map { $0 / 60_000_000 }
        var out = [(minute: Int64, value: Double)]()
        out.reserveCapacity(byMinute.count)
        for (minute, errors) in byMinute.sorted(by: { $0.key < $1.key }) {
            if let last = out.last?.minute, minute - last > 1, minute - last <= ChartLine.gapMinutes,
               !breakMinutes.contains(where: { (last...minute).contains($0) }) {
                for missing in (last + 1)..<minute { out.append((missing, 0)) }
            }
            out.append((minute, errors))
        }
        return out
    }

    /// The service's heading and its chart figures.
    func render(into out: inout HTMLWriter) {
        out.raw("<section class=\"service\" id=\"svc-")
        out.text(Self.anchor(service))
        out.raw("\">\n<h3>")
        out.text(service)
        out.raw("</h3>\n")
        if let memory {
            var caption = "Memory, highest instance, per minute"
            if let offChartLimit { caption += " (limit " + ValueFormatting.bytes(offChartLimit) + ", far above)" }
            figure(memory, caption: caption, into: &out)
        }
        if let errors {
            figure(errors, caption: errorsArePercent ? "Errors, % of requests per minute (5xx and error records)"
                                                     : "Errors per minute (5xx and error records)", into: &out)
        }
        if let latency {
            figure(latency, caption: "Latency per minute: mean and slowest (request durations, slow-query lines)", into: &out)
        }
        out.raw("</section>\n")
    }

    private func figure(_ chart: SVGTimeChart, caption: String, into out: inout HTMLWriter) {
        out.raw("<figure class=\"chart-card\">\n<figcaption><span class=\"caption\">")
        out.text(caption)
        out.raw("</span><span class=\"legend\">")
        out.raw("<span class=\"key line-"); out.raw(chart.seriesClass); out.raw("\">")
        out.raw(chart.seriesClass == "mem" ? "memory" : chart.seriesClass == "lat" ? "mean" : "errors"); out.raw("</span>")
        if chart.upper != nil { out.raw("<span class=\"key line-upper\">slowest</span>") }
        let shown = chart.markers.filter { chart.axis.contains($0.time) }
        if let suspect = shown.first(where: { $0.emphasized && $0.style == .other }) {
            out.raw("<span class=\"key k-deploy\">suspect: "); out.text(suspect.subject); out.raw("</span>")
        }
        let styles = Set(shown.filter { !($0.emphasized && $0.style == .other) }.map(\.style))
        for (style, name) in [(ChartMarker.Style.deploy, "deploy"), (.rollback, "rollback"), (.restart, "restart"),
                              (.config, "config change"), (.other, "other services' deploys")] where styles.contains(style) {
            out.raw("<span class=\"key k-"); out.raw(style.rawValue); out.raw("\">"); out.raw(name); out.raw("</span>")
        }
        if chart.events.contains(where: chart.axis.contains) { out.raw("<span class=\"key k-oom\">OOM kill</span>") }
        if chart.limit != nil { out.raw("<span class=\"key k-limit\">memory limit</span>") }
        out.raw("</span></figcaption>\n")
        chart.render(into: &out)
        out.raw("</figure>\n")
    }

    /// An id fragment for the service (letters, digits and `-` only).
    static func anchor(_ service: String) -> String {
        String(service.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
