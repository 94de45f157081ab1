/// The loop cut: a "do" group holding all start and end activities, and a "redo" group of activities that
/// are entered only from end activities and left only to start activities. Like PM4Py, all redo
/// components are merged into one redo child.
enum LoopCut {
    /// `[do, redo]`, or nil when no non-empty redo part remains.
    static func detect(_ graph: InductiveGraph) -> [[Int32]]? {
        let n = graph.vertexCount
        guard !graph.hasNoEdges else { return nil }
        let isStart = (0..<n).map { graph.starts[$0] > 0 }
        let isEnd = (0..<n).map { graph.ends[$0] > 0 }
        var inDo = (0..<n).map { isStart[$0] || isEnd[$0] }
        var components = redoCandidates(graph, inDo: inDo)
        // A component reached from a start activity that is not an end activity, or reaching an end
        // activity that is not a start activity, belongs to the do part.
        components.removeAll { component in
            let absorbed = component.contains { b in
                (0..<n).contains { a in
                    (isStart[a] && !isEnd[a] && graph.hasEdge(a, b)) || (isEnd[a] && !isStart[a] && graph.hasEdge(b, a))
                }
            }
            if absorbed { for b in component { inDo[b] = true } }
            return absorbed
        }
        // Redo activities that go back to a start activity must go to all of them; those entered from an
        // end activity must be entered from all of them.
        components.removeAll { component in
            let incomplete = component.contains { a in
                let toSomeStart = (0..<n).contains { isStart[$0] && graph.hasEdge(a, $0) }
                let toAllStarts = (0..<n).allSatisfy { !isStart[$0] || graph.hasEdge(a, $0) }
                return toSomeStart && !toAllStarts
            }
            if incomplete { for b in component { inDo[b] = true } }
            return incomplete
        }
        components.removeAll { component in
            let incomplete = component.contains { a in
                let fromSomeEnd = (0..<n).contains { isEnd[$0] && graph.hasEdge($0, a) }
                let fromAllEnds = (0..<n).allSatisfy { !isEnd[$0] || graph.hasEdge($0, a) }
                return fromSomeEnd && !fromAllEnds
            }
            if incomplete { for b in component { inDo[b] = true } }
            return incomplete
        }
        let redo = components.flatMap { $0 }.sorted()
        guard !redo.isEmpty else { return nil }
        let doPart = (0..<n).filter { inDo[$0] }
        return [doPart.map { graph.vertices[$0] }, redo.map { graph.vertices[$0] }]
    }

    /// Weakly connected components of the graph without start and end activities.
    private static func redoCandidates(_ graph: InductiveGraph, inDo: [Bool]) -> [[Int]] {
        let n = graph.vertexCount
        var components = UnionFind(count: n)
        for a in 0..<n where !inDo[a] {
            for b in 0..<n where !inDo[b] && graph.hasEdge(a, b) { components.union(a, b) }
        }
        return components.groups().filter { !inDo[$0[0]] }
    }

    /// Cuts every trace into maximal do and redo slices: do slices go to the do log, redo slices to the redo
    /// log. As in PM4Py, an event of neither group closes the current slice and is dropped, and a trace that
    /// ends inside a redo slice also contributes an empty do slice.
    static func split(_ log: VariantLog, groups: [[Int32]]) -> [VariantLog] {
        let groupOf = GroupMap(groups, activityCount: log.activityNames.count)
        var doLog = log.emptied()
        var redoLog = log.emptied()
        var doSlice: [Int32] = []
        var redoSlice: [Int32] = []
        for (trace, count) in zip(log.traces, log.counts) {
            doSlice.removeAll(keepingCapacity: true)
            redoSlice.removeAll(keepingCapacity: true)
            for a in trace {
                switch groupOf[a] {
                case 0:
                    doSlice.append(a)
                    if !redoSlice.isEmpty { redoLog.add(redoSlice, count: count); redoSlice.removeAll(keepingCapacity: true) }
                case 1:
                    redoSlice.append(a)
                    if !doSlice.isEmpty { doLog.add(doSlice, count: count); doSlice.removeAll(keepingCapacity: true) }
                default:
                    if !doSlice.isEmpty { doLog.add(doSlice, count: count); doSlice.removeAll(keepingCapacity: true) }
                    if !redoSlice.isEmpty { redoLog.add(redoSlice, count: count); redoSlice.removeAll(keepingCapacity: true) }
                }
            }
            if !redoSlice.isEmpty { redoLog.add(redoSlice, count: count) }
            doLog.add(doSlice, count: count)
        }
        return [doLog, redoLog]
    }

    /// IMd: the do part keeps the start and end activities (skippable when some lie outside it); every redo
    /// activity is a start and an end of the redo part, which is skippable when an end activity leads
    /// directly to a start activity.
    static func split(_ subgraph: DirectlyFollowsSubgraph, groups: [[Int32]]) -> [DirectlyFollowsSubgraph] {
        let graph = subgraph.graph
        let n = graph.vertexCount
        let doMembers = Set(groups[0])
        let doSkippable = (0..<n).contains { (graph.starts[$0] > 0 || graph.ends[$0] > 0) && !doMembers.contains(graph.vertices[$0]) }
        let redoSkippable = (0..<n).contains { e in graph.ends[e] > 0 && (0..<n).contains { graph.starts[$0] > 0 && graph.hasEdge(e, $0) } }
        let ones = Dictionary(uniqueKeysWithValues: groups[1].map { ($0, 1) })
        return [
            subgraph.restricted(to: groups[0], skippable: doSkippable),
            subgraph.restricted(to: groups[1], skippable: redoSkippable, starts: ones, ends: ones),
        ]
    }
}
