/// Orders the moves of an integral marking-equation solution into a run from a search state to the goal.
///
/// When a popped state's LP solution is integral and its moves can be fired in some order from the state
/// (consuming the rest of the trace and ending in the final marking), that run costs `g + h = f`, the
/// smallest `f` in the queue, so it completes an optimal alignment without further search. A depth-first
/// search with a step budget looks for such an order: at each step it tries the moves left in the solution
/// (synchronous moves first, then model moves, then log moves) and backtracks on dead ends.
///
/// Only the solution's support is scanned at each step, and all buffers are reused from call to call, so a
/// failed attempt costs little.
struct SolutionRealization {
    typealias Step = SynchronousProductSearch.Step

    private let net: CompiledNet
    private let trace: [Int32]
    /// Per LP column: the transition of a model or synchronous move, or -1 for a log move.
    private let transitionOfColumn: [Int]
    /// Per LP column: the label of a synchronous or log move, or -1 for a model move.
    private let labelOfColumn: [Int32]
    private var marking: [Int32] = []
    private var columns: [Int] = []
    private var left: [Int] = []
    private var path: [Step] = []
    private var choices: [Int] = []

    init(net: CompiledNet, trace: [Int32], heuristic: MarkingEquationHeuristic) {
        self.net = net
        self.trace = trace
        transitionOfColumn = heuristic.program.transitionOfColumn
        labelOfColumn = heuristic.program.labelOfColumn
    }

    /// The run from `(marking, position)` that fires exactly the moves of the solution given sparsely by
    /// `solutionColumns`/`solutionValues` (log moves of activities the net does not know are added as
    /// the trace requires), or nil when the solution is fractional or no order is found within budget.
    mutating func run(from start: ArraySlice<Int32>, position: Int, solutionColumns: ArraySlice<Int32>,
                      solutionValues: ArraySlice<Double>) -> [Step]? {
        columns.removeAll(keepingCapacity: true)
        left.removeAll(keepingCapacity: true)
        var total = 0
        // Synchronous columns first, then model columns, then log columns (`transitionOfColumn` tells them
        // apart: log columns have no transition, synchronous ones have a label).
        for pass in 0..<3 {
            for (column, value) in zip(solutionColumns, solutionValues) {
                let c = Int(column)
                let kind = transitionOfColumn[c] < 0 ? 2 : (labelOfColumn[c] >= 0 ? 0 : 1)
                guard kind == pass else { continue }
                let rounded = value.rounded()
                guard abs(value - rounded) < 1e-7 else { return nil }
                guard rounded >= 1 else { continue }
                columns.append(c)
                left.append(Int(rounded))
                total += Int(rounded)
            }
        }
        marking.removeAll(keepingCapacity: true)
        marking.append(contentsOf: start)
        var position = position
        var remaining = total
        path.removeAll(keepingCapacity: true)
        choices.removeAll(keepingCapacity: true)
        var budget = 2 * (total + trace.count - position) + 16
        var resumeFrom = 0
        while budget > 0 {
            budget -= 1
            if remaining == 0 && position == trace.count && isFinal() { return path }
            if let option = nextOption(position: position, from: resumeFrom) {
                let step = self.step(option, position: position)
                apply(step, option: option, position: &position, sign: 1)
                if option < columns.count { remaining -= 1 }
                path.append(step)
                choices.append(option)
                resumeFrom = 0
            } else {
                guard let last = path.popLast(), let option = choices.popLast() else { return nil }
                apply(last, option: option, position: &position, sign: -1)
                if option < columns.count { remaining += 1 }
                resumeFrom = option + 1
            }
        }
        return nil
    }

    private func isFinal() -> Bool {
        for p in 0..<marking.count where Int(marking[p]) != net.finalMarking[p] { return false }
        return true
    }

    /// The first applicable option at or after `from`: an index into the support, or `columns.count`
    /// for the log move of an event whose activity the net does not know.
    private func nextOption(position: Int, from: Int) -> Int? {
        let next: Int32 = position < trace.count ? trace[position] : -2
        var option = from
        while option < columns.count {
            defer { option += 1 }
            guard left[option] > 0 else { continue }
            let c = columns[option]
            let t = transitionOfColumn[c]
            let label = labelOfColumn[c]
            if t < 0 {
                if label == next { return option }
            } else if (label < 0 || label == next) && enabled(t) {
                return option
            }
        }
        return option == columns.count && next == -1 ? option : nil
    }

    private func step(_ option: Int, position: Int) -> Step {
        guard option < columns.count else { return Step(kind: .log, transition: -1, eventIndex: position) }
        let c = columns[option]
        let t = transitionOfColumn[c]
        if t < 0 { return Step(kind: .log, transition: -1, eventIndex: position) }
        if labelOfColumn[c] >= 0 { return Step(kind: .synchronous, transition: t, eventIndex: position) }
        return Step(kind: .model, transition: t, eventIndex: -1)
    }

    private func enabled(_ t: Int) -> Bool {
        for k in net.preStart[t]..<net.preStart[t + 1] where Int(marking[net.prePlace[k]]) < net.preWeight[k] {
            return false
        }
        return true
    }

    private mutating func apply(_ step: Step, option: Int, position: inout Int, sign: Int) {
        if option < columns.count { left[option] -= sign }
        if step.kind != .model { position += sign }
        guard step.kind != .log else { return }
        let t = step.transition
        let s = Int32(sign)
        for k in net.preStart[t]..<net.preStart[t + 1] { marking[net.prePlace[k]] -= s * Int32(net.preWeight[k]) }
        for k in net.postStart[t]..<net.postStart[t + 1] { marking[net.postPlace[k]] += s * Int32(net.postWeight[k]) }
    }
}
