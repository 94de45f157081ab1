/// The constrained weighted least squares at the heart of KernelSHAP.
enum KernelRegression {
    /// Solves `min Σ_c w_c (y_c − Σ_j z_cj φ_j)²` subject to `Σ_j φ_j = total`, by substituting the last
    /// player's value and solving the normal equations of the rest.
    static func solve(coalitions: KernelCoalitions, values: [Double], total: Double) -> [Double] {
        let m = coalitions.playerCount
        let last = m - 1
        let unknowns = m - 1
        var normal = [Double](repeating: 0, count: unknowns * unknowns)
        var rightSide = [Double](repeating: 0, count: unknowns)
        var row = [Double](repeating: 0, count: unknowns)
        for coalition in 0..<coalitions.count {
            let lastMember = coalitions.contains(coalition, last) ? 1.0 : 0.0
            for j in 0..<unknowns { row[j] = (coalitions.contains(coalition, j) ? 1 : 0) - lastMember }
            let target = values[coalition] - lastMember * total
            let weight = coalitions.weights[coalition]
            for i in 0..<unknowns where row[i] != 0 {
                rightSide[i] += weight * row[i] * target
                for j in 0..<unknowns where row[j] != 0 { normal[i * unknowns + j] += weight * row[i] * row[j] }
            }
        }
        var phi = solveLinearSystem(normal, rightSide, size: unknowns)
        phi.append(total - phi.reduce(0, +))
        return phi
    }

    /// Gaussian elimination with partial pivoting; a singular direction (a player never separated from
    /// the last one by the sampled coalitions) gets 0.
    static func solveLinearSystem(_ matrix: [Double], _ vector: [Double], size n: Int) -> [Double] {
        var a = matrix
        var b = vector
        var scale = 0.0
        for value in a { scale = max(scale, abs(value)) }
        let tolerance = max(scale, 1e-300) * 1e-12
        var pivotRow = [Int](repeating: -1, count: n)
        var row = 0
        for column in 0..<n where row < n {
            var best = row
            for candidate in row..<n where abs(a[candidate * n + column]) > abs(a[best * n + column]) { best = candidate }
            guard abs(a[best * n + column]) > tolerance else { continue }
            if best != row {
                for k in 0..<n { a.swapAt(row * n + k, best * n + k) }
                b.swapAt(row, best)
            }
            for other in 0..<n where other != row {
                let factor = a[other * n + column] / a[row * n + column]
                guard factor != 0 else { continue }
                for k in column..<n { a[other * n + k] -= factor * a[row * n + k] }
                b[other] -= factor * b[row]
            }
            pivotRow[column] = row
            row += 1
        }
        return (0..<n).map { column in
            let r = pivotRow[column]
            return r >= 0 ? b[r] / a[r * n + column] : 0
        }
    }
}
