import Foundation

/// A chart's vertical axis: from zero to a round top, with four to six round
/// ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ in the axis unit).
///
/// Axes start at zero so that a chart never exaggerates a small change; a flat
/// series (zero range) keeps a top above its value, and an all-zero series gets
/// the axis of one unit.
struct ValueAxis {
    /// The value at the top of the plot, in data units (bytes, percent, count).
    var top: Double
    /// Tick values in data units, from 0 to `top`.
    var ticks: [Double]
    /// One label per tick.
    var labels: [String]

    /// Memory: ticks in KB, MB or GB (powers of 1024, as `ValueFormatting.bytes` prints them).
    static func bytes(max: Double) -> ValueAxis {
        let units: [(name: String, size: Double)] = [("B", 1), ("KB", 1024), ("MB", 1024 * 1024), ("GB", 1024 * 1024 * 1024),
                                                     ("TB", 1024 * 1024 * 1024 * 1024)]
        let unit = units.last { max >= $0.size } ?? units[0]
        return scaled(max: max / unit.size, minimumStep: unit.size == 1 ? 1 : 0) { value, decimals in
            number(value, decimals: decimals) + " " + unit.name
        }.rescaled(by: unit.size)
    }

    /// A share of requests, `0%` to at most `100%`.
    static func percent(max: Double) -> ValueAxis {
        var axis = scaled(max: Swift.min(max, 100), minimumStep: 0) { value, decimals in number(value, decimals: decimals) + "%" }
        if axis.top > 100, let last = axis.ticks.lastIndex(where: { $0 <= 100 }) {
            axis.ticks = Array(axis.ticks[...last])
            axis.labels = Array(axis.labels[...last])
            axis.top = 100
        }
        return axis
    }

    /// Durations: ticks in ms, s or min (as `ValueFormatting.seconds` prints them).
    static func seconds(max: Double) -> ValueAxis {
        let unit: (name: String, size: Double) = max < 1 ? ("ms", 0.001) : max < 120 ? ("s", 1) : ("min", 60)
        return scaled(max: max / unit.size, minimumStep: 0) { value, decimals in
            number(value, decimals: decimals) + " " + unit.name
        }.rescaled(by: unit.size)
    }

    /// Whole counts (errors per minute): integer ticks only.
    static func count(max: Double) -> ValueAxis {
        scaled(max: max, minimumStep: 1) { value, decimals in number(value, decimals: decimals) }
    }

    /// Ticks for `0…max` in the axis unit, leaving a little headroom above the peak.
    private static func scaled(max: Double, minimumStep: Double, label: (Double, Int) -> String) -> ValueAxis {
        let peak = max.isFinite && max > 0 ? max : 1
        let step = Swift.max(niceStep(peak * 1.05 / 5), minimumStep)
        let count = Int((peak * 1.05 / step).rounded(.up))
        let decimals = decimalsNeeded(step)
        let ticks = (0...count).map { Double($0) * step }
        return ValueAxis(top: Double(count) * step, ticks: ticks, labels: ticks.map { label($0, decimals) })
    }

    /// The smallest of 1, 2, 2.5, 5, 10 × 10ⁿ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1, 2, 2.5, 5] where factor * magnitude >= raw * 0.999_999 { return factor * magnitude }
        return 10 * magnitude
    }

    private static func decimalsNeeded(_ step: Double) -> Int {
        var decimals = 0
        var scaled = step
        while decimals < 4, abs(scaled - scaled.rounded()) > 1e-9 * Swift.max(1, scaled) {
            decimals += 1
            scaled *= 10
        }
        return decimals
    }

    /// `value` with exactly `decimals` decimal places (`2.5`, `0.25`, `12`).
    static func number(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = Int64((value * scale).rounded())
        guard decimals > 0 else { return String(units) }
        let whole = String(units / Int64(scale))
        var fraction = String(abs(units % Int64(scale)))
        while fraction.count < decimals { fraction = "0" + fraction }
        return (units < 0 && units / Int64(scale) == 0 ? "-" : "") + whole + "." + fraction
    }

    private func rescaled(by factor: Double) -> ValueAxis {
        ValueAxis(top: top * factor, ticks: ticks.map { $0 * factor }, labels: labels)
    }
}
