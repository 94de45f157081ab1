extension HeuristicsNet {
    /// Converts the heuristics net to a Petri net the way PM4Py does (`heuristics_net.to_petri_net`).
    ///
    /// Each activity gets a transition with an input place `pre_<a>` fed by one silent transition per
    /// predecessor (XOR) or per clique of AND-related predecessors, and an output place `intplace_<a>`
    /// feeding one silent transition per successor (XOR) or AND clique. Redundant silent transitions and
    /// silent transitions between single-arc places are then reduced away. The initial marking is one token
    /// in `source0`, the final marking one token in `sink0`.
    public func petriNet() -> PetriNet {
        var builder = Conversion(net: self)
        return builder.run()
    }
}

private struct Conversion {
    enum Neighbour: Hashable { case activity(Int), boundary }

    let net: HeuristicsNet
    var result = EditableNet()
    var hiddenCount = 0
    var transitionOf: [Int: Int] = [:]
    var order: [Int] = []
    var entering: [Int: Set<Neighbour>] = [:]
    var exiting: [Int: Set<Neighbour>] = [:]
    var placesEntering: [Int: [Int: Int]] = [:]

    init(net: HeuristicsNet) { self.net = net }

    var names: [String] { net.activityNames }

    mutating func run() -> PetriNet {
        let source = result.addPlace("source0"), sink = result.addPlace("sink0")
        for a in net.nodes {
            ensureTransition(a)
            for b in net.successors(of: a) {
                ensureTransition(b)
                entering[b, default: []].insert(.activity(a))
                exiting[a, default: []].insert(.activity(b))
            }
        }
        for a in order { connectEntering(a, source: source) }
        for a in order { connectExiting(a, sink: sink) }
        removeRedundantSilentTransitions()
        applySimpleReduction()
        return result.petriNet(name: "heuristics_net", initial: [source: 1], final: [sink: 1])
    }

    private mutating func ensureTransition(_ a: Int) {
        guard transitionOf[a] == nil else { return }
        transitionOf[a] = result.addTransition(names[a], label: names[a])
        order.append(a)
        entering[a] = net.startActivityCounts[a] > 0 ? [.boundary] : []
        exiting[a] = net.endActivityCounts[a] > 0 ? [.boundary] : []
    }

    private mutating func hidden() -> Int {
        hiddenCount += 1
        return result.addTransition("hid_\(hiddenCount)", label: nil)
    }

    private func sortedActivities(_ set: Set<Neighbour>) -> [Int] {
        set.compactMap { if case .activity(let a) = $0 { a } else { nil } }.sorted { names[$0] < names[$1] }
    }

    private mutating func connectEntering(_ a: Int, source: Int) {
        let all = entering[a] ?? []
        let preds = sortedActivities(all)
        placesEntering[a] = [:]
        var master: Int?
        if !preds.isEmpty || all.count > 1 {
            master = result.addPlace("pre_\(names[a])")
            result.addArc(master!, transitionOf[a]!)
        }
        var andMembers = Set<Int>()
        for clique in Self.maximalCliques(net.andJoins[a] ?? [], names) {
            let members = clique.filter { preds.contains($0) }
            guard members.count >= 2, let master else { continue }
            andMembers.formUnion(members)
            let hid = hidden()
            result.addArc(hid, master)
            for pred in members {
                let place = placesEntering[a]![pred] ?? result.addPlace("splace_in_\(names[a])_\(names[pred])")
                placesEntering[a]![pred] = place
                result.addArc(place, hid)
            }
        }
        for pred in preds where !andMembers.contains(pred) {
            if all.count == 1 {
                placesEntering[a]![pred] = master!
            } else {
                let place = placesEntering[a]![pred] ?? result.addPlace("splace_in_\(names[a])_\(names[pred])")
                placesEntering[a]![pred] = place
                let hid = hidden()
                result.addArc(place, hid)
                result.addArc(hid, master!)
            }
        }
        if all.contains(.boundary) {
            if all.count == 1 {
                result.addArc(source, transitionOf[a]!)
            } else {
                let hid = hidden()
                result.addArc(source, hid)
                result.addArc(hid, master!)
            }
        }
    }

    private mutating func connectExiting(_ a: Int, sink: Int) {
        let all = exiting[a] ?? []
        let succs = sortedActivities(all)
        if all.count == 1, let succ = succs.first {
            if let place = placesEntering[succ]?[a] { result.addArc(transitionOf[a]!, place) }
            return
        }
        if all.count == 1, all.contains(.boundary) {
            result.addArc(transitionOf[a]!, sink)
            return
        }
        let intPlace = result.addPlace("intplace_\(names[a])")
        result.addArc(transitionOf[a]!, intPlace)
        var andMembers = Set<Int>()
        for clique in Self.maximalCliques(net.andSplits[a] ?? [], names) {
            let members = clique.filter { succs.contains($0) }
            guard members.count >= 2 else { continue }
            andMembers.formUnion(members)
            let hid = hidden()
            result.addArc(intPlace, hid)
            for succ in members {
                if let place = placesEntering[succ]?[a] { result.addArc(hid, place) }
            }
        }
        for succ in succs where !andMembers.contains(succ) {
            guard let place = placesEntering[succ]?[a] else { continue }
            let hid = hidden()
            result.addArc(intPlace, hid)
            result.addArc(hid, place)
        }
        if all.contains(.boundary) {
            let hid = hidden()
            result.addArc(intPlace, hid)
            result.addArc(hid, sink)
        }
    }

    /// Maximal cliques of the undirected graph whose edges are `pairs` (Bron–Kerbosch with pivoting).
    static func maximalCliques(_ pairs: [HeuristicsNet.Pair], _ names: [String]) -> [[Int]] {
        var adjacency: [Int: Set<Int>] = [:]
        for pair in pairs where pair.first != pair.second {
            adjacency[pair.first, default: []].insert(pair.second)
            adjacency[pair.second, default: []].insert(pair.first)
        }
        for pair in pairs where adjacency[pair.first] == nil { adjacency[pair.first] = [] }
        var cliques: [[Int]] = []
        func expand(_ r: [Int], _ p: Set<Int>, _ x: Set<Int>) {
            if p.isEmpty && x.isEmpty {
                cliques.append(r.sorted { names[$0] < names[$1] })
                return
            }
            let pivot = p.union(x).max { (adjacency[$0]?.count ?? 0) < (adjacency[$1]?.count ?? 0) }!
            var p = p, x = x
            for v in p.subtracting(adjacency[pivot] ?? []).sorted() {
                let neighbours = adjacency[v] ?? []
                expand(r + [v], p.intersection(neighbours), x.intersection(neighbours))
                p.remove(v)
                x.insert(v)
            }
        }
        expand([], Set(adjacency.keys), [])
        return cliques.sorted { $0.map { names[$0] }.lexicographicallyPrecedes($1.map { names[$0] }) }
    }

    /// PM4Py's `remove_rendundant_invisible_transitions`: a silent transition whose preset equals another's
    /// in size and is contained in it, and whose postset is a strict-size subset of the other's, is removed.
    private mutating func removeRedundantSilentTransitions() {
        var silent = result.silentTransitions
        var i = 0
        while i < silent.count {
            let ti = silent[i]
            guard result.alive[ti] else { i += 1; continue }
            let preI = Set(result.inputs[ti]), postI = Set(result.outputs[ti])
            var j = 0
            while j < silent.count {
                if j != i {
                    let tj = silent[j]
                    let preJ = Set(result.inputs[tj]), postJ = Set(result.outputs[tj])
                    if preJ.count == preI.count, postJ.count < postI.count, preJ.isSubset(of: preI), postJ.isSubset(of: postI) {
                        result.remove(tj)
                        silent.remove(at: j)
                        continue
                    }
                }
                j += 1
            }
            i += 1
        }
    }

    /// PM4Py's `apply_simple_reduction`: fuse a silent transition with the single-arc place before
    /// (after) it into the transition before (after) that place, until nothing changes.
    private mutating func applySimpleReduction() {
        var changed = true
        while changed {
            changed = false
            while let (t, place) = singleEntryCandidate() {
                let before = result.inputs[place][0]
                let targets = result.outputs[t]
                result.remove(t)
                result.remove(place)
                for target in targets { result.addArc(before, target) }
                changed = true
            }
            while let (t, place) = singleExitCandidate() {
                let after = result.outputs[place][0]
                let sources = result.inputs[t]
                result.remove(t)
                result.remove(place)
                for source in sources { result.addArc(source, after) }
                changed = true
            }
        }
    }

    private func singleEntryCandidate() -> (Int, Int)? {
        for t in result.silentTransitions where result.inputs[t].count == 1 {
            let place = result.inputs[t][0]
            if result.inputs[place].count == 1, result.outputs[place] == [t] { return (t, place) }
        }
        return nil
    }

    private func singleExitCandidate() -> (Int, Int)? {
        for t in result.silentTransitions where result.outputs[t].count == 1 {
            let place = result.outputs[t][0]
            if result.outputs[place].count == 1, result.inputs[place] == [t] { return (t, place) }
        }
        return nil
    }
}
