/// The marking-equation lower bound on the cost still to pay from a search state, for one trace.
///
/// From state `(M, i)` (model marking `M`, `i` events consumed) the remaining alignment fires model
/// moves `x_t` and synchronous moves `y_t`, and makes log moves `z_a` for the events left. Every such
/// completion satisfies
///
///     M + C·(x + y) = M_f                       (one row per place)
///     Σ_{t labelled a} y_t + z_a = #a in σ[i...]  (one row per activity of the trace the net knows)
///     x, y, z ≥ 0
///
/// so the minimum of `Σ c_t x_t + Σ s_t y_t + Σ l_a z_a` over the real solutions — a linear program —
/// never exceeds the true remaining cost: the heuristic is admissible. It is also consistent: if a move
/// of cost `c` leads from `s` to `s'`, any solution for `s'` plus that move is a solution for `s`, so
/// `h(s) ≤ c + h(s')`. Grouping the trace's events by activity gives the same optimum as the
/// per-position marking equation of the synchronous product (positions of one activity are
/// interchangeable in it) with far fewer rows. Costs are integers, so `⌈LP⌉` is still a lower bound.
/// Events whose activity no transition carries can only be log moves; their cost is added as a constant.
struct MarkingEquationHeuristic {
    let placeCount: Int
    let transitionCount: Int
    /// Per transition: its synchronous column, or -1.
    let syncColumn: [Int]
    /// Per label code: its activity row offset (after the places), or -1.
    let rowOfLabel: [Int]
    /// Per activity row: its log-move column.
    let slackColumn: [Int]
    let columnCount: Int
    /// Per column: the transition of a model or synchronous move, or -1 for a log move. Columns are
    /// laid out as model moves (`0 ..< transitionCount`), then synchronous moves, then log moves.
    let transitionOfColumn: [Int]
    /// Per column: the label code of a synchronous or log move, or -1 for a model move.
    let labelOfColumn: [Int32]
    /// `remaining[i * activityRows + k]`: events of activity row `k` at positions ≥ i.
    private let remaining: [Int]
    /// Cost of log moves of unknown events at positions ≥ i.
    private let unknownSuffixCost: [Int]
    private let activityRows: Int
    private var simplex: DenseSimplex
    private var rhs: [Double]
    package var solution: [Double]
    private(set) var solved = 0

    init(net: CompiledNet, trace: [Int32], logCosts: [Int], modelCost: [Int], syncCost: [Int]) {
        placeCount = net.placeCount
        transitionCount = net.transitionCount
        var rowOfLabel = Array(repeating: -1, count: net.labelNames.count)
        var rowLabels: [Int32] = []
        var rowCost: [Int] = []
        for (i, code) in trace.enumerated() where code >= 0 && rowOfLabel[Int(code)] < 0 {
            rowOfLabel[Int(code)] = rowLabels.count
            rowLabels.append(code)
            rowCost.append(logCosts[i])
        }
        activityRows = rowLabels.count
        var syncColumn = Array(repeating: -1, count: net.transitionCount)
        var column = net.transitionCount
        for t in 0..<net.transitionCount where net.label[t] >= 0 && rowOfLabel[Int(net.label[t])] >= 0 {
            syncColumn[t] = column
            column += 1
        }
        var slackColumn: [Int] = []
        for _ in 0..<activityRows {
            slackColumn.append(column)
            column += 1
        }
        columnCount = column
        var transitionOfColumn = Array(0..<net.transitionCount) + Array(repeating: -1, count: column - net.transitionCount)
        var labelOfColumn = Array(repeating: Int32(-1), count: column)
        for t in 0..<net.transitionCount where syncColumn[t] >= 0 {
            transitionOfColumn[syncColumn[t]] = t
            labelOfColumn[syncColumn[t]] = net.label[t]
        }
        for k in 0..<activityRows { labelOfColumn[slackColumn[k]] = rowLabels[k] }
        self.transitionOfColumn = transitionOfColumn
        self.labelOfColumn = labelOfColumn
        self.syncColumn = syncColumn
        self.rowOfLabel = rowOfLabel
        self.slackColumn = slackColumn
        let rows = net.placeCount + activityRows
        var matrix = Array(repeating: 0.0, count: rows * column)
        var costs = Array(repeating: 0.0, count: column)
        for t in 0..<net.transitionCount {
            costs[t] = Double(modelCost[t])
            for k in net.preStart[t]..<net.preStart[t + 1] {
                matrix[net.prePlace[k] * column + t] -= Double(net.preWeight[k])
            }
            for k in net.postStart[t]..<net.postStart[t + 1] {
                matrix[net.postPlace[k] * column + t] += Double(net.postWeight[k])
            }
            let s = syncColumn[t]
            if s >= 0 {
                costs[s] = Double(syncCost[t])
                for p in 0..<net.placeCount { matrix[p * column + s] = matrix[p * column + t] }
                matrix[(net.placeCount + rowOfLabel[Int(net.label[t])]) * column + s] = 1
            }
        }
        for k in 0..<activityRows {
            matrix[(net.placeCount + k) * column + slackColumn[k]] = 1
            costs[slackColumn[k]] = Double(rowCost[k])
        }
        let n = trace.count
        var remaining = Array(repeating: 0, count: (n + 1) * max(activityRows, 1))
        var unknown = Array(repeating: 0, count: n + 1)
        if n > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for k in 0..<activityRows { remaining[i * activityRows + k] = remaining[(i + 1) * activityRows + k] }
                unknown[i] = unknown[i + 1]
                let code = trace[i]
                if code >= 0 {
                    remaining[i * activityRows + rowOfLabel[Int(code)]] += 1
                } else {
                    unknown[i] += logCosts[i]
                }
            }
        }
        self.remaining = remaining
        unknownSuffixCost = unknown
        simplex = DenseSimplex(rows: rows, columns: column, matrix: matrix, costs: costs)
        rhs = Array(repeating: 0, count: rows)
        solution = Array(repeating: 0, count: column)
    }

    /// The column of an activity's log move, or -1 for activities no transition carries.
    func logColumn(label: Int32) -> Int {
        label >= 0 ? slackColumn[rowOfLabel[Int(label)]] : -1
    }

    /// `⌈LP⌉` plus the unknown events' log moves, or nil when the final marking cannot be reached.
    /// On success ``solution`` holds the LP's optimal solution.
    mutating func estimate(marking: UnsafeBufferPointer<Int32>, final: [Int], position: Int) -> Int? {
        for p in 0..<placeCount { rhs[p] = Double(final[p] - Int(marking[p])) }
        for k in 0..<activityRows { rhs[placeCount + k] = Double(remaining[position * activityRows + k]) }
        solved += 1
        switch simplex.solve(rhs, solution: &solution) {
        case .infeasible:
            return nil
        case .failed:
            for j in 0..<columnCount { solution[j] = 0 }
            return unknownSuffixCost[position]
        case .optimal(let value):
            return Int((value - 1e-6).rounded(.up)) + unknownSuffixCost[position]
        }
    }
}
