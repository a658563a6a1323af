import CulpritModel

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
    /// The change's version, for the label of a cluster.
    var version: String?
    /// The service and version (`auth-service 2.3.1`), for the legend.
    var subject: String
    var label: String
    var style: Style
    /// The change the report suspects: drawn thicker, its label bold.
    var emphasized = false
    /// The hover text (an SVG `<title>`): the full description with the exact time.
    var tooltip: String

    /// The marker for a change; `own` is false for another service's change. The
    /// suspect is emphasized on every chart, so each service's trouble can be read
    /// against it.
    init(_ change: ChangeMarker, own: Bool, emphasized: Bool, clock: DisplayClock = .utc) {
        time = change.time
        version = change.version
        subject = change.service + (change.version.map { " " + $0 } ?? "")
        self.emphasized = emphasized
        let version = change.version.map { " " + $0 } ?? ""
        if own {
            style = Style(rawValue: change.kind.rawValue) ?? .config
            label = change.kind.rawValue + version
        } else {
            style = .other
            label = change.service + version
        }
        if emphasized { label += " · suspect" }
        var tooltip = change.service + " " + change.kind.rawValue + version
        if let previous = change.previousVersion { tooltip += " (from " + previous + ")" }
        self.tooltip = tooltip + " at " + clock.minute(change.time)
    }

    /// Whether its label is placed before the labels of lower rank.
    var rank: Int { emphasized ? 0 : style == .other ? 2 : 1 }
}

extension ChartMarker {
    /// Markers closer than this (chart units) to the previous one share its label.
    static let clusterWidth = 8.0

    /// One labelled marker per cluster: runs of markers of the same style each
    /// within `clusterWidth` of the one before (a restart loop, a burst of other
    /// teams' deploys) get one label that counts them, so forty restarts read as
    /// "40 restarts" rather than as a stack of identical labels. The suspect is
    /// never folded into a cluster. `markers` must be in time order, `xs` alike.
    static func labelled(_ markers: [ChartMarker], xs: [Double]) -> [(marker: ChartMarker, x: Double)] {
        var out = [(marker: ChartMarker, x: Double)]()
        var index = 0
        while index < markers.count {
            var end = index + 1
            if !markers[index].emphasized {
                while end < markers.count, !markers[end].emphasized, markers[end].style == markers[index].style,
                      xs[end] - xs[end - 1] <= clusterWidth { end += 1 }
            }
            var leader = markers[index]
            let count = end - index
            if count > 1 {
                if leader.style == .other {
                    leader.label = "\(count) other deploys"
                } else {
                    let versions = Set(markers[index..<end].map(\.version))
                    let noun = leader.style == .config ? "config changes" : leader.style.rawValue + "s"
                    leader.label = "\(count) \(noun)" + (versions.count == 1 ? versions.first!.map { " " + $0 } ?? "" : "")
                }
            }
            out.append((leader, xs[index]))
            index = end
        }
        return out
    }
}
