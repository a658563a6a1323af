/// A labelled vertical line on a time chart: a deploy, rollback, restart or
/// config change of the charted service, or (faintly) another service's deploy.
struct ChartMarker {
    /// How the line is drawn; the raw value is the CSS class suffix.
    enum Style: String {
        case deploy, rollback, restart, config
        /// Another service's deploy: thin and faint, labelled only where there is room.
        case other
    }

    var time: Int64
    var label: String
    var style: Style
    /// The change the report suspects: drawn thicker, its label bold.
    var emphasized = false
    /// The hover text (an SVG `<title>`): the full description with the exact time.
    var tooltip: String

    /// The marker for a change; `own` is false for another service's change.
    init(_ change: ChangeMarker, own: Bool, emphasized: Bool) {
        time = change.time
        self.emphasized = emphasized
        let version = change.version.map { " " + $0 } ?? ""
        if own {
            style = Style(rawValue: change.kind.rawValue) ?? .config
            label = change.kind.rawValue + version + (emphasized ? " · suspect" : "")
        } else {
            style = .other
            label = change.service + version
        }
        var tooltip = change.service + " " + change.kind.rawValue + version
        if let previous = change.previousVersion { tooltip += " (from " + previous + ")" }
        self.tooltip = tooltip + " at " + ReportClock.date(change.time) + " " + ReportClock.timeOfDay(change.time, seconds: true) + " UTC"
    }

    /// Whether its label is placed before the labels of lower rank.
    var rank: Int { emphasized ? 0 : style == .other ? 2 : 1 }
}
