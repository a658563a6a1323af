/// Places marker labels in stacked rows above a chart's plot so that no two
/// labels overlap.
///
/// Greedy, most important first (the suspect, then the charted service's own
/// changes, then other services' deploys), each in time order. A label goes
/// right of its line, or left of it when that fits better (near the plot's
/// right edge, or beside a neighbour's label), in the lowest row (nearest the
/// plot) where it overlaps no other label. Rows where the marker's line would
/// also cross a label below are tried first; when none is left the line may
/// pass behind a label (labels are drawn over lines, with a halo). A label that
/// fits in no row within `maxRows` is left out; its line is still drawn and
/// keeps its hover text.
struct MarkerLabelLayout {
    struct Placement {
        /// Row 0 is nearest the plot; nil when the label is left out.
        var row: Int?
        /// The text's left and right edge, in chart coordinates.
        var left: Double
        var right: Double
        /// True when the label sits left of its line.
        var leftOfLine: Bool
    }

    /// Average advance of the label font (11 px system sans-serif), per character; bold is wider.
    static let characterWidth = 6.3
    static let boldCharacterWidth = 6.9
    /// The gap between a line and its label.
    static let padding = 4.0
    /// The least gap between two labels in a row.
    static let spacing = 6.0

    var placements: [Placement]
    /// Rows in use (0 when there are no labels).
    var rowCount: Int

    /// Lays out labels for markers at `xs` (same order as `markers`) over a plot from `plotLeft` to `plotRight`.
    init(markers: [ChartMarker], xs: [Double], plotLeft: Double = 0, plotRight: Double, maxRows: Int = 4) {
        var rows = [[(left: Double, right: Double)]](repeating: [], count: maxRows)
        var placements = [Placement]()
        func isFree(_ row: Int, _ left: Double, _ right: Double, gap: Double) -> Bool {
            !rows[row].contains { $0.left - gap < right && left < $0.right + gap }
        }
        let order = markers.indices.sorted { (markers[$0].rank, xs[$0]) < (markers[$1].rank, xs[$1]) }
        placements = zip(markers, xs).map { _, x in Placement(row: nil, left: x, right: x, leftOfLine: false) }
        for index in order {
            let x = xs[index]
            let width = Double(markers[index].label.count) * (markers[index].emphasized ? Self.boldCharacterWidth : Self.characterWidth)
            var sides = [(left: x + Self.padding, right: x + Self.padding + width, leftOfLine: false),
                         (left: x - Self.padding - width, right: x - Self.padding, leftOfLine: true)]
            sides.removeAll { $0.right > plotRight + Self.padding || $0.left < plotLeft - 40 }
            search: for clean in [true, false] {
                for row in 0..<maxRows {
                    if clean, !(0..<row).allSatisfy({ isFree($0, x - 1, x + 1, gap: 0) }) { break }
                    for side in sides where isFree(row, side.left, side.right, gap: Self.spacing) {
                        rows[row].append((side.left, side.right))
                        placements[index] = Placement(row: row, left: side.left, right: side.right, leftOfLine: side.leftOfLine)
                        break search
                    }
                }
            }
        }
        self.placements = placements
        rowCount = placements.compactMap(\.row).max().map { $0 + 1 } ?? 0
    }
}
