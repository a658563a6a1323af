import Foundation

/// Mann–Kendall trend test: is a series monotonically increasing, whatever its shape?
/// S counts rising minus falling pairs; under no trend S is near normal with
/// variance n(n−1)(2n+5)/18 (tie-corrected). Returns the one-sided p-value for an
/// upward trend. Series longer than `TheilSen.maxPoints` are thinned evenly.
package enum MannKendall {
    package static func upwardTrendPValue(_ values: [Double]) -> Double {
        let indexes = values.indices.map(Double.init)
        let (_, ys) = Thinning.evenly(x: indexes, y: values, limit: TheilSen.maxPoints)
        let n = ys.count
        guard n >= 3 else { return 1 }
        var s = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                if ys[j] > ys[i] { s += 1 } else if ys[j] < ys[i] { s -= 1 }
            }
        }
        var tieCorrection = 0.0
        var counts = [Double: Int]()
        for value in ys { counts[value, default: 0] += 1 }
        for count in counts.values where count > 1 {
            let t = Double(count)
            tieCorrection += t * (t - 1) * (2 * t + 5)
        }
        let nn = Double(n)
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieCorrection) / 18
        guard variance > 0, s > 0 else { return 1 }
        let z = (Double(s) - 1) / variance.squareRoot()
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}
