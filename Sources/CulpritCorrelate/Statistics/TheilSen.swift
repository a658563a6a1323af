/// Theil–Sen slope: the median of the slopes between every pair of points.
/// Robust to up to ~29% outliers (a GC spike, a stray gauge), unlike least squares.
/// Series longer than `maxPoints` are thinned evenly first to bound the O(n²) cost.
package enum TheilSen {
    package static let maxPoints = 300

    /// The slope of `y` over `x` (units of y per unit of x), nil with fewer than 2 points.
    package static func slope(x: [Double], y: [Double]) -> Double? {
        let (xs, ys) = Thinning.evenly(x: x, y: y, limit: maxPoints)
        guard xs.count >= 2 else { return nil }
        var slopes = [Double]()
        slopes.reserveCapacity(xs.count * (xs.count - 1) / 2)
        for i in 0..<xs.count {
            for j in (i + 1)..<xs.count where xs[j] != xs[i] {
                slopes.append((ys[j] - ys[i]) / (xs[j] - xs[i]))
            }
        }
        return Median.of(slopes)
    }
}

/// The median of a list (nil when empty).
package enum Median {
    package static func of(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Keeps at most `limit` points of a series, evenly spaced, first and last kept.
enum Thinning {
    static func evenly(x: [Double], y: [Double], limit: Int) -> ([Double], [Double]) {
        guard x.count > limit, limit >= 2 else { return (x, y) }
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(limit); ys.reserveCapacity(limit)
        for k in 0..<limit {
            let index = Int((Double(k) * Double(x.count - 1) / Double(limit - 1)).rounded())
            xs.append(x[index]); ys.append(y[index])
        }
        return (xs, ys)
    }
}
