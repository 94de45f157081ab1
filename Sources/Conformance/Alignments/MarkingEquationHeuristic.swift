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
/// The program itself (``MarkingEquationProgram``) depends only on the trace's set of activities and is
/// reused across traces; this type adds the trace's right-hand sides.
struct MarkingEquationHeuristic {
    /// The linear program, handed back to ``MarkingEquationPrograms`` after the search.
    private(set) var program: MarkingEquationProgram
    /// `remaining[i * activityRows + k]`: events of activity row `k` at positions ≥ i.
    private let remaining: [Int]
    /// Cost of log moves of unknown events at positions ≥ i.
    private let unknownSuffixCost: [Int]
    private let activityRows: Int
    private var rhs: [Double]
    package var solution: [Double]
    private(set) var solved = 0

    /// The activities of `trace` the net knows, ascending: the key of its program.
    static func activities(of trace: [Int32]) -> [Int32] {
        Array(Set(trace.filter { $0 >= 0 })).sorted()
    }

    /// - Parameter program: the program for ``activities(of:)`` of `trace`.
    init(program: MarkingEquationProgram, trace: [Int32], logCosts: [Int]) {
        self.program = program
        let activityRows = program.activities.count
        self.activityRows = activityRows
        let n = trace.count
        var remaining = Array(repeating: 0, count: (n + 1) * max(activityRows, 1))
        var unknown = Array(repeating: 0, count: n + 1)
        if n > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for k in 0..<activityRows { remaining[i * activityRows + k] = remaining[(i + 1) * activityRows + k] }
                unknown[i] = unknown[i + 1]
                let code = trace[i]
                if code >= 0 {
                    remaining[i * activityRows + program.rowOfLabel[Int(code)]] += 1
                } else {
                    unknown[i] += logCosts[i]
                }
            }
        }
        self.remaining = remaining
        unknownSuffixCost = unknown
        rhs = Array(repeating: 0, count: program.placeCount + activityRows)
        solution = Array(repeating: 0, count: program.columnCount)
    }

    /// Per transition: its synchronous column, or -1.
    var syncColumn: [Int] { program.syncColumn }

    /// The column of an activity's log move, or -1 for activities no transition carries.
    func logColumn(label: Int32) -> Int {
        label >= 0 ? program.slackColumn[program.rowOfLabel[Int(label)]] : -1
    }

    /// Whether the last ``estimate(marking:final:position:)`` solved its LP to optimality, so that
    /// ``appendReducedCostBonuses(to:)`` describes it.
    private(set) var hasDuals = false

    /// Appends, per LP column `j` (cost `c_j`), a lower bound on how much the LP optimum after the move of
    /// column `j` from the state of the last optimal solve exceeds `LP − c_j`: the column's reduced cost
    /// rounded down to an integer (costs are integers and the bound is rounded up, see the type's
    /// documentation).
    ///
    /// The optimal duals `π` of that solve are feasible for every right-hand side, and the move's state has
    /// right-hand side `b − A_j`, so its optimum is at least `πᵀ(b − A_j) = LP − c_j + d_j` (weak duality).
    /// Meaningful only while ``hasDuals``.
    func appendReducedCostBonuses(to bonuses: inout [Int32]) {
        program.simplex.appendReducedCostFloors(to: &bonuses)
    }

    /// `⌈LP⌉` plus the unknown events' log moves, or nil when the final marking cannot be reached.
    /// On success ``solution`` holds the LP's optimal solution.
    mutating func estimate(marking: UnsafeBufferPointer<Int32>, final: [Int], position: Int) -> Int? {
        let placeCount = program.placeCount
        for p in 0..<placeCount { rhs[p] = Double(final[p] - Int(marking[p])) }
        for k in 0..<activityRows { rhs[placeCount + k] = Double(remaining[position * activityRows + k]) }
        solved += 1
        hasDuals = false
        switch program.simplex.solve(rhs, solution: &solution) {
        case .infeasible:
            return nil
        case .failed:
            for j in 0..<program.columnCount { solution[j] = 0 }
            return unknownSuffixCost[position]
        case .optimal(let value):
            hasDuals = true
            return Int((value - 1e-6).rounded(.up)) + unknownSuffixCost[position]
        }
    }
}
