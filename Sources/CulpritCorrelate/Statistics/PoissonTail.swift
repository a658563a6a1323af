import Foundation

/// P(X ≥ k) for X ~ Poisson(λ): how surprising k events are when λ were expected.
/// Summed exactly in log space for small k, with the normal approximation
/// (continuity-corrected) beyond k = 1000.
package enum PoissonTail {
    package static func upper(_ k: Int, mean lambda: Double) -> Double {
        guard k > 0 else { return 1 }
        guard lambda > 0 else { return 0 }
        if k > 1000 {
            let z = (Double(k) - 0.5 - lambda) / lambda.squareRoot()
            return 0.5 * erfc(z / 2.0.squareRoot())
        }
        // P(X ≥ k) = 1 − Σ_{i<k} e^−λ λ^i / i!
        var term = exp(-lambda)
        var cumulative = term
        if k == 1 { return max(0, 1 - cumulative) }
        for i in 1..<k {
            term *= lambda / Double(i)
            cumulative += term
        }
        return max(0, 1 - cumulative)
    }
}
