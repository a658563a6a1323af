/// Finds when a series that was flat started to rise: fits the continuous
/// "hinge" model y = a + b·max(0, t − τ) by least squares for each candidate τ
/// and keeps the τ with the smallest squared error (a one-change-point
/// segmented regression). Candidates are the sample times, thinned to 200.
package enum HingeFit {
    package struct Result: Sendable {
        /// The breakpoint: when the growth began.
        package var onset: Double
        /// Growth per unit of t after the breakpoint.
        package var slope: Double
        package var level: Double
        package var squaredError: Double
    }

    package static func fit(x: [Double], y: [Double]) -> Result? {
        guard x.count >= 4 else { return nil }
        let step = max(1, x.count / 200)
        var best: Result?
        var index = 0
        while index < x.count - 2 {
            let tau = x[index]
            if let result = fitAt(tau: tau, x: x, y: y), result.squaredError < (best?.squaredError ?? .infinity) {
                best = result
            }
            index += step
        }
        return best
    }

    static func fitAt(tau: Double, x: [Double], y: [Double]) -> Result? {
        // Ordinary least squares of y on h = max(0, t − τ).
        var sumH = 0.0, sumY = 0.0, sumHH = 0.0, sumHY = 0.0
        let n = Double(x.count)
        for i in x.indices {
            let h = max(0, x[i] - tau)
            sumH += h; sumY += y[i]; sumHH += h * h; sumHY += h * y[i]
        }
        let denominator = n * sumHH - sumH * sumH
        guard denominator > 0 else { return nil }
        let slope = (n * sumHY - sumH * sumY) / denominator
        let level = (sumY - slope * sumH) / n
        var error = 0.0
        for i in x.indices {
            let residual = y[i] - (level + slope * max(0, x[i] - tau))
            error += residual * residual
        }
        return Result(onset: tau, slope: slope, level: level, squaredError: error)
    }
}
