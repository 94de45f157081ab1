/// A small dense simplex solver for `min cᵀx  s.t.  A x = b,  x ≥ 0` where `A` and `c` are fixed and `b`
/// changes from call to call — the marking-equation heuristic of the alignment search.
///
/// The first solve runs the two-phase primal simplex. Every later solve starts from the last optimal basis:
/// a basis that was optimal for some `b` stays dual feasible for every `b` (reduced costs do not depend on
/// `b`), so the dual simplex restores primal feasibility in a few pivots. The artificial columns are kept
/// in the tableau: they hold `B⁻¹`, which turns a new `b` into the new basic solution. The pivots keep the
/// last `B⁻¹b` up to date, so only the entries where `b` changed since the last solve are multiplied in
/// (successive marking-equation right-hand sides differ in a few places); every 64th warm solve, and after
/// every cold one, it is computed afresh from the non-zero entries of `b` so rounding cannot accumulate.
/// Redundant equality rows (common in marking equations) are detected after phase one and only checked
/// for consistency. When the dual simplex does not converge within its pivot budget, or after many
/// pivots have accumulated rounding error, the solver starts again from scratch.
package struct DenseSimplex: Sendable {
    /// The outcome of a solve.
    package enum Outcome: Equatable {
        case optimal(Double)
        case infeasible
        /// The pivot budget ran out (the caller must fall back to a weaker bound).
        case failed
    }

    private let rows: Int
    private let columns: Int
    private let width: Int
    private let costs: [Double]
    private let matrix: [Double]
    private var tableau: [Double]
    private var objective: [Double]
    private var basic: [Int]
    private var redundant: [Bool]
    private var signs: [Double]
    /// Scratch: indexes of the right-hand-side entries multiplied in, and what is multiplied in for each.
    private var nonZero: [Int] = []
    private var change: [Double] = []
    /// The right-hand side the tableau's last column (`B⁻¹b`, kept up to date by the pivots) belongs to.
    private var lastB: [Double]
    /// Warm solves since `B⁻¹b` was last computed afresh.
    private var incrementalSolves = 0
    /// Scratch: columns of the non-zero entries of the pivot row.
    private var support: [Int] = []
    private var hasBasis = false
    private var pivotsSinceRestart = 0
    private let epsilon = 1e-9

    /// - Parameters:
    ///   - matrix: `A` row-major, `rows × columns`.
    ///   - costs: `c`, one per column, non-negative.
    package init(rows: Int, columns: Int, matrix: [Double], costs: [Double]) {
        precondition(matrix.count == rows * columns && costs.count == columns)
        self.rows = rows
        self.columns = columns
        self.width = columns + rows + 1
        self.costs = costs
        self.matrix = matrix
        tableau = Array(repeating: 0, count: rows * width)
        objective = Array(repeating: 0, count: width)
        basic = Array(repeating: 0, count: rows)
        redundant = Array(repeating: false, count: rows)
        signs = Array(repeating: 1, count: rows)
        lastB = Array(repeating: 0, count: rows)
    }

    /// Solves for right-hand side `b`; `solution` receives the optimal `x` (dense, `columns` long).
    package mutating func solve(_ b: [Double], solution: inout [Double]) -> Outcome {
        if rows == 0 {
            for j in 0..<columns { solution[j] = 0 }
            return .optimal(0)
        }
        if hasBasis && pivotsSinceRestart < 4 * (rows + columns) {
            if let outcome = warmSolve(b, solution: &solution) { return outcome }
        }
        return coldSolve(b, solution: &solution)
    }

    // MARK: - Cold start: two-phase primal simplex

    private mutating func coldSolve(_ b: [Double], solution: inout [Double]) -> Outcome {
        hasBasis = false
        pivotsSinceRestart = 0
        incrementalSolves = 0
        for r in 0..<rows { lastB[r] = b[r] }
        for r in 0..<rows {
            signs[r] = b[r] < 0 ? -1 : 1
            let base = r * width
            for j in 0..<columns { tableau[base + j] = signs[r] * matrix[r * columns + j] }
            for k in 0..<rows { tableau[base + columns + k] = k == r ? 1 : 0 }
            tableau[base + width - 1] = signs[r] * b[r]
            basic[r] = columns + r
            redundant[r] = false
        }
        for j in 0..<width { objective[j] = 0 }
        for r in 0..<rows {
            let base = r * width
            for j in 0..<columns { objective[j] -= tableau[base + j] }
            objective[width - 1] -= tableau[base + width - 1]
        }
        guard primalSimplex(allowArtificial: false) else { return .failed }
        if -objective[width - 1] > 1e-7 { return .infeasible }
        driveOutArtificials()
        for j in 0..<width { objective[j] = 0 }
        for j in 0..<columns { objective[j] = costs[j] }
        for r in 0..<rows where basic[r] < columns {
            let c = costs[basic[r]]
            if c == 0 { continue }
            let base = r * width
            for j in 0..<width { objective[j] -= c * tableau[base + j] }
        }
        guard primalSimplex(allowArtificial: false) else { return .failed }
        hasBasis = true
        return extract(&solution)
    }

    /// Runs primal simplex pivots (Dantzig's rule, Bland's rule after many degenerate steps).
    /// Returns false when the iteration budget is exhausted.
    private mutating func primalSimplex(allowArtificial: Bool) -> Bool {
        let limit = 50 * (rows + columns) + 1000
        let enterable = allowArtificial ? columns + rows : columns
        var degenerate = 0
        for _ in 0..<limit {
            var entering = -1
            if degenerate < 20 {
                var best = -epsilon
                for j in 0..<enterable where objective[j] < best {
                    best = objective[j]
                    entering = j
                }
            } else {
                for j in 0..<enterable where objective[j] < -epsilon {
                    entering = j
                    break
                }
            }
            if entering < 0 { return true }
            var leaving = -1
            var bestRatio = Double.infinity
            for r in 0..<rows {
                let a = tableau[r * width + entering]
                if a > epsilon {
                    let ratio = tableau[r * width + width - 1] / a
                    if ratio < bestRatio - epsilon || (ratio < bestRatio + epsilon && leaving >= 0 && basic[r] < basic[leaving]) {
                        bestRatio = ratio
                        leaving = r
                    }
                }
            }
            if leaving < 0 { return false }
            degenerate = bestRatio < epsilon ? degenerate + 1 : 0
            pivot(row: leaving, column: entering)
        }
        return false
    }

    private mutating func driveOutArtificials() {
        for r in 0..<rows where basic[r] >= columns {
            var entering = -1
            var largest = 1e-7
            for j in 0..<columns where abs(tableau[r * width + j]) > largest {
                largest = abs(tableau[r * width + j])
                entering = j
            }
            if entering >= 0 {
                pivot(row: r, column: entering)
            } else {
                redundant[r] = true
            }
        }
    }

    // MARK: - Warm start: dual simplex from the last optimal basis

    private mutating func warmSolve(_ b: [Double], solution: inout [Double]) -> Outcome? {
        // B⁻¹·b: either afresh over the non-zero entries of b (marking-equation right-hand sides are
        // sparse), or as the last B⁻¹b plus B⁻¹ times the entries of b that changed.
        nonZero.removeAll(keepingCapacity: true)
        change.removeAll(keepingCapacity: true)
        let afresh = incrementalSolves >= 64
        incrementalSolves = afresh ? 0 : incrementalSolves + 1
        for k in 0..<rows where afresh ? b[k] != 0 : b[k] != lastB[k] {
            nonZero.append(k)
            change.append(signs[k] * (afresh ? b[k] : b[k] - lastB[k]))
            lastB[k] = b[k]
        }
        if afresh {
            for k in 0..<rows { lastB[k] = b[k] }
        }
        let w = width, rowCount = rows, columnCount = columns
        let feasible = tableau.withUnsafeMutableBufferPointer { t -> Bool in
            nonZero.withUnsafeBufferPointer { indexes in
                change.withUnsafeBufferPointer { amounts in
                    for r in 0..<rowCount {
                        let base = r * w + columnCount
                        var value = afresh ? 0.0 : t[r * w + w - 1]
                        for i in 0..<indexes.count { value += t[base + indexes[i]] * amounts[i] }
                        t[r * w + w - 1] = value
                    }
                }
            }
            for r in 0..<rowCount where redundant[r] && abs(t[r * w + w - 1]) > 1e-6 { return false }
            var value = 0.0
            for r in 0..<rowCount where basic[r] < columnCount { value += costs[basic[r]] * t[r * w + w - 1] }
            objective[w - 1] = -value
            return true
        }
        guard feasible else { return .infeasible }
        let limit = 2 * (rows + columns) + 50
        for _ in 0..<limit {
            let (leaving, entering) = tableau.withUnsafeBufferPointer { t -> (Int, Int) in
                var leaving = -1
                var mostNegative = -1e-9
                for r in 0..<rowCount where !redundant[r] && t[r * w + w - 1] < mostNegative {
                    mostNegative = t[r * w + w - 1]
                    leaving = r
                }
                guard leaving >= 0 else { return (-1, -1) }
                var entering = -1
                var bestRatio = Double.infinity
                let base = leaving * w
                objective.withUnsafeBufferPointer { d in
                    for j in 0..<columnCount {
                        let a = t[base + j]
                        if a < -epsilon {
                            let ratio = max(d[j], 0) / -a
                            if ratio < bestRatio - 1e-12 {
                                bestRatio = ratio
                                entering = j
                            }
                        }
                    }
                }
                return (leaving, entering)
            }
            if leaving < 0 { return extract(&solution) }
            if entering < 0 { return .infeasible }
            pivot(row: leaving, column: entering)
        }
        return nil
    }

    // MARK: - Shared

    /// Pivots on `(row, column)`. Only the non-zero entries of the pivot row are carried into the other rows
    /// (marking-equation tableaus are sparse, so this skips most of each row).
    private mutating func pivot(row: Int, column: Int) {
        pivotsSinceRestart += 1
        let w = width
        let rowCount = rows
        support.removeAll(keepingCapacity: true)
        tableau.withUnsafeMutableBufferPointer { t in
            let base = row * w
            let inverse = 1.0 / t[base + column]
            for j in 0..<w where t[base + j] != 0 {
                t[base + j] *= inverse
                support.append(j)
            }
            t[base + column] = 1
            support.withUnsafeBufferPointer { nonZero in
                for r in 0..<rowCount where r != row {
                    let other = r * w
                    let factor = t[other + column]
                    if factor == 0 { continue }
                    for j in nonZero { t[other + j] -= factor * t[base + j] }
                    t[other + column] = 0
                }
                objective.withUnsafeMutableBufferPointer { d in
                    let factor = d[column]
                    if factor != 0 {
                        for j in nonZero { d[j] -= factor * t[base + j] }
                        d[column] = 0
                    }
                }
            }
        }
        basic[row] = column
    }

    /// Appends to `floors`, for every column `j`, its reduced cost `c_j − πᵀA_j` in the basis of the last
    /// optimal solve (≥ 0 up to rounding) rounded down to an integer (0 when negative; values within 10⁻⁷
    /// below an integer count as that integer).
    ///
    /// The duals `π` of an optimal basis stay feasible for every right-hand side, so for any `b′`
    /// the optimum is at least `πᵀb′`; for `b′ = b − A_j` that is the last optimum `− c_j + (c_j − πᵀA_j)`.
    package func appendReducedCostFloors(to floors: inout [Int32]) {
        let start = floors.count
        floors.append(contentsOf: repeatElement(0, count: columns))
        floors.withUnsafeMutableBufferPointer { f in
            objective.withUnsafeBufferPointer { d in
                for j in 0..<columns where d[j] > 0 {
                    f[start + j] = Int32(clamping: Int((d[j] + 1e-7).rounded(.down)))
                }
            }
        }
    }

    private func extract(_ solution: inout [Double]) -> Outcome {
        for j in 0..<columns { solution[j] = 0 }
        var value = 0.0
        for r in 0..<rows where basic[r] < columns {
            let x = max(0, tableau[r * width + width - 1])
            solution[basic[r]] = x
            value += costs[basic[r]] * x
        }
        return .optimal(value)
    }
}
