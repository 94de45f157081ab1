/// The marking-equation linear program of a net for the traces over one set of activities (see
/// ``MarkingEquationHeuristic``): one row per place and per activity, columns for model moves (one per
/// transition, `0 ..< transitionCount`), then synchronous moves (one per transition labelled with one of
/// the activities), then log moves (one per activity).
///
/// Only the right-hand side depends on the trace and the search state, so traces with the same
/// activities share one program, and its simplex starts every solve from the last optimal basis, across
/// traces too (``MarkingEquationPrograms``): most variants then need no cold two-phase solve.
struct MarkingEquationProgram: Sendable {
    /// The activities (label codes, ascending), one row each after the places.
    let activities: [Int32]
    let placeCount: Int
    /// Per transition: its synchronous column, or -1.
    let syncColumn: [Int]
    /// Per label code: its activity row offset (after the places), or -1.
    let rowOfLabel: [Int]
    /// Per activity row: its log-move column.
    let slackColumn: [Int]
    let columnCount: Int
    /// Per column: the transition of a model or synchronous move, or -1 for a log move.
    let transitionOfColumn: [Int]
    /// Per column: the label code of a synchronous or log move, or -1 for a model move.
    let labelOfColumn: [Int32]
    var simplex: DenseSimplex

    /// - Parameter logCost: per activity, the cost of its log move.
    init(net: CompiledNet, activities: [Int32], logCost: [Int], modelCost: [Int], syncCost: [Int]) {
        self.activities = activities
        placeCount = net.placeCount
        var rowOfLabel = Array(repeating: -1, count: net.labelNames.count)
        for (k, code) in activities.enumerated() { rowOfLabel[Int(code)] = k }
        var syncColumn = Array(repeating: -1, count: net.transitionCount)
        var column = net.transitionCount
        for t in 0..<net.transitionCount where net.label[t] >= 0 && rowOfLabel[Int(net.label[t])] >= 0 {
            syncColumn[t] = column
            column += 1
        }
        let slackColumn = Array(column..<column + activities.count)
        column += activities.count
        columnCount = column
        var transitionOfColumn = Array(0..<net.transitionCount) + Array(repeating: -1, count: column - net.transitionCount)
        var labelOfColumn = Array(repeating: Int32(-1), count: column)
        for t in 0..<net.transitionCount where syncColumn[t] >= 0 {
            transitionOfColumn[syncColumn[t]] = t
            labelOfColumn[syncColumn[t]] = net.label[t]
        }
        for (k, code) in activities.enumerated() { labelOfColumn[slackColumn[k]] = code }
        self.transitionOfColumn = transitionOfColumn
        self.labelOfColumn = labelOfColumn
        self.syncColumn = syncColumn
        self.rowOfLabel = rowOfLabel
        self.slackColumn = slackColumn
        let rows = net.placeCount + activities.count
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
        for k in 0..<activities.count {
            matrix[(net.placeCount + k) * column + slackColumn[k]] = 1
            costs[slackColumn[k]] = Double(logCost[k])
        }
        simplex = DenseSimplex(rows: rows, columns: column, matrix: matrix, costs: costs)
    }
}
