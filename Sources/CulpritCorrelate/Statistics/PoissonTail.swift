import Foundation

/// P(X ≥ k) for X ~ Poisson(λ): how surprising k events are when λ were expected.
///
/// Method: for k ≤ 1000, one minus the lower tail Σ_{i<k} e^−λ λ^i / i!, whose
/// terms are taken in log space (−λ + i·ln λ − ln i!) and summed with the
/// log-sum-exp trick, so no term underflows however large λ is (e^−λ alone is 0
/// in a `Double` beyond λ ≈ 745). Being a complement, a tail below about 1e-16
/// comes out as 0, which is far under every threshold it is compared with. Beyond
/// k = 1000, the normal approximation with continuity correction.
package enum PoissonTail {
    package static func upper(_ k: Int, mean lambda: Double) -> Double {
        guard k > 0 else { return 1 }
        guard lambda > 0 else { return 0 }
        if k > 1000 {
            let z = (Double(k) - 0.5 - lambda) / lambda.squareRoot()
            return 0.5 * erfc(z / 2.0.squareRoot())
        }
        // ln of each term e^−λ λ^i / i!, i = 0..<k, built up as ln t_i = ln t_{i−1} + ln λ − ln i.
        let logLambda = log(lambda)
        var logTerms = [Double]()
        logTerms.reserveCapacity(k)
        var logTerm = -lambda
        logTerms.append(logTerm)
        for i in 1..<k {
            logTerm += logLambda - log(Double(i))
            logTerms.append(logTerm)
        }
        let largest = logTerms.max() ?? logTerm
        let logLower = largest + log(logTerms.reduce(0) { $0 + exp($1 - largest) })
        return max(0, 1 - exp(logLower))
    }
}
