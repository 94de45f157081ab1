/// The per-state arrays of one ``SynchronousProductSearch`` run, kept by a worker between the traces it aligns
/// (in ``MarkingEquationPrograms``) so that each search reuses their capacity instead of growing fresh arrays:
/// on a42f0n50 growing them (copies on each doubling and page faults on fresh memory) took about a sixth of
/// the time. The meaning of each array is documented where the search uses it.
struct MarkingSearchBuffers: Sendable {
    var markings: [Int32] = []
    var positions: [Int32] = []
    var g: [Int] = []
    var h: [Int] = []
    var lp: [Int] = []
    var orderBound: [Int] = []
    var trusted: [Bool] = []
    var closed: [Bool] = []
    var parents: [Int32] = []
    var moves: [Int32] = []
    var keys: [UInt64] = []
    var solutionStart: [Int32] = []
    var solutionCount: [Int32] = []
    var freshSolution: [Bool] = []
    var bonusStart: [Int32] = []
    var bonuses: [Int32] = []
    var solutionColumns: [Int32] = []
    var solutionValues: [Double] = []
    var slots: [Int64] = []
    var heap = BinaryHeap<SynchronousProductSearch.Entry>()

    /// The hash table's size when a search starts.
    static let initialSlots = 1024

    /// Empties every array, keeping its capacity, and gives the hash table its initial empty slots.
    mutating func clear() {
        markings.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        g.removeAll(keepingCapacity: true)
        h.removeAll(keepingCapacity: true)
        lp.removeAll(keepingCapacity: true)
        orderBound.removeAll(keepingCapacity: true)
        trusted.removeAll(keepingCapacity: true)
        closed.removeAll(keepingCapacity: true)
        parents.removeAll(keepingCapacity: true)
        moves.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        solutionStart.removeAll(keepingCapacity: true)
        solutionCount.removeAll(keepingCapacity: true)
        freshSolution.removeAll(keepingCapacity: true)
        bonusStart.removeAll(keepingCapacity: true)
        bonuses.removeAll(keepingCapacity: true)
        solutionColumns.removeAll(keepingCapacity: true)
        solutionValues.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(-1, count: MarkingSearchBuffers.initialSlots))
        heap.removeAll()
    }
}
