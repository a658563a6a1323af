import Testing
@testable import CulpritCorrelate

@Suite struct StatisticsTests {
    @Test func theilSenIgnoresOutliersThatMoveLeastSquares() {
        let x = (0..<30).map(Double.init)
        var y = x.map { 100 + 2 * $0 }
        y[5] = 10_000
        y[20] = -5_000
        #expect(abs(TheilSen.slope(x: x, y: y)! - 2) < 1e-9)
    }

    @Test func mannKendallSeparatesTrendFromNoise() {
        var random = SplitMix64(state: 3)
        let noise = (0..<60).map { _ in Double.random(in: 0...10, using: &random) }
        let trend = (0..<60).map { Double($0) * 0.5 + Double.random(in: 0...10, using: &random) }
        #expect(MannKendall.upwardTrendPValue(noise) > 0.01)
        #expect(MannKendall.upwardTrendPValue(trend) < 1e-6)
        #expect(MannKendall.upwardTrendPValue(trend.reversed()) == 1)
    }

    @Test func hingeFitFindsWhenAFlatSeriesStartedToRise() {
        let x = (0..<120).map(Double.init)
        let y = x.map { $0 < 50 ? 400 : 400 + 10 * ($0 - 50) }
        let fit = HingeFit.fit(x: x, y: y)!
        #expect(abs(fit.onset - 50) <= 1)
        #expect(abs(fit.slope - 10) < 0.5)
    }

    @Test func poissonTailMatchesKnownValues() {
        #expect(abs(PoissonTail.upper(1, mean: 1) - 0.6321205588) < 1e-9)
        #expect(abs(PoissonTail.upper(5, mean: 1) - 0.0036598468) < 1e-9)
        #expect(PoissonTail.upper(0, mean: 3) == 1)
        #expect(PoissonTail.upper(50, mean: 1) < 1e-12)
    }

    /// e^−1000 is 0 in a Double: summed term by term from it, every term would be 0
    /// and every tail 1. In log space the figures are those of the exact sum.
    @Test func poissonTailHoldsForMeansBeyondTheUnderflowOfExp() {
        #expect(abs(PoissonTail.upper(1000, mean: 1000) - 0.5042052442) < 1e-6)
        #expect(abs(PoissonTail.upper(900, mean: 800) - 0.0002759134) < 1e-8)
        #expect(abs(PoissonTail.upper(700, mean: 800) - 0.9998559498) < 1e-8)
    }
}
