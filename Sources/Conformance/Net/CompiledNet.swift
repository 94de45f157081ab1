import Discovery

/// A Petri net compiled to dense integer arrays for the replay and alignment hot loops.
///
/// Transitions keep their index in the source ``PetriNet``; presets and postsets are stored in CSR form
/// (`preStart[t] ..< preStart[t + 1]` indexes `prePlace`/`preWeight`), labels are interned to dense codes
/// (`label[t] == -1` for a silent transition) and markings are dense token counts per place.
///
/// - Throws: ``ConformanceError`` with `.noInitialMarking` when the net has no initial tokens,
///   `.noFinalMarking` when `requireFinalMarking` is set and the final marking is empty, and
///   `.unboundedNet` when a transition without input places produces tokens (it is always enabled).
package struct CompiledNet: Sendable {
    package let placeCount: Int
    package let transitionCount: Int
    package let preStart: [Int]
    package let prePlace: [Int]
    package let preWeight: [Int]
    package let postStart: [Int]
    package let postPlace: [Int]
    package let postWeight: [Int]
    /// Per transition: the label code, or -1 when silent.
    package let label: [Int32]
    /// Label strings indexed by code.
    package let labelNames: [String]
    /// Transition ids (PNML ids; PM4Py's transition names).
    package let transitionIDs: [String]
    /// Place ids (PNML ids; PM4Py's place names).
    package let placeIDs: [String]
    package let initialMarking: [Int]
    package let finalMarking: [Int]
    /// Per place: its rank when places are sorted by id (the order PM4Py's replay uses).
    package let placeRankByID: [Int]
    /// Transitions sorted by (id, index): the order PM4Py uses when it lists enabled transitions.
    package let transitionsByID: [Int]
    /// Per place: the transitions that consume from it.
    package let consumersStart: [Int]
    package let consumers: [Int]

    package init(_ net: PetriNet, requireFinalMarking: Bool = true) throws {
        placeCount = net.places.count
        transitionCount = net.transitions.count
        var pre = Array(repeating: [(Int, Int)](), count: transitionCount)
        var post = Array(repeating: [(Int, Int)](), count: transitionCount)
        for arc in net.arcs {
            switch (arc.source, arc.target) {
            case (.place(let p), .transition(let t)): pre[t].append((p, arc.weight))
            case (.transition(let t), .place(let p)): post[t].append((p, arc.weight))
            default: continue
            }
        }
        (preStart, prePlace, preWeight) = CompiledNet.csr(pre)
        (postStart, postPlace, postWeight) = CompiledNet.csr(post)
        var labelCodes: [String: Int32] = [:]
        var names: [String] = []
        label = net.transitions.map { transition -> Int32 in
            guard let text = transition.label else { return -1 }
            if let code = labelCodes[text] { return code }
            let code = Int32(names.count)
            labelCodes[text] = code
            names.append(text)
            return code
        }
        labelNames = names
        transitionIDs = net.transitions.map(\.id)
        let ids = net.places.map(\.id)
        placeIDs = ids
        initialMarking = CompiledNet.dense(net.initialMarking, places: placeCount)
        finalMarking = CompiledNet.dense(net.finalMarking, places: placeCount)
        let placeOrder = (0..<placeCount).sorted { CompiledNet.precedes(ids[$0], $0, ids[$1], $1) }
        var ranks = Array(repeating: 0, count: placeCount)
        for (rank, place) in placeOrder.enumerated() { ranks[place] = rank }
        placeRankByID = ranks
        transitionsByID = (0..<transitionCount).sorted {
            CompiledNet.precedes(net.transitions[$0].id, $0, net.transitions[$1].id, $1)
        }
        var consuming = Array(repeating: [Int](), count: placeCount)
        for t in 0..<transitionCount {
            for (p, _) in pre[t] where consuming[p].last != t { consuming[p].append(t) }
        }
        (consumersStart, consumers) = CompiledNet.csr(consuming)
        try validate(requireFinalMarking: requireFinalMarking)
    }

    /// The code of a label, or nil when no transition carries it.
    package func labelCode(of name: String) -> Int32? {
        labelNames.firstIndex(of: name).map { Int32($0) }
    }

    /// Whether transition `t` is enabled in `marking`.
    @inline(__always)
    package func isEnabled(_ t: Int, in marking: UnsafeBufferPointer<Int>) -> Bool {
        var k = preStart[t]
        let end = preStart[t + 1]
        while k < end {
            if marking[prePlace[k]] < preWeight[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether transition `t` is enabled in `marking`.
    @inline(__always)
    package func isEnabled(_ t: Int, in marking: [Int]) -> Bool {
        marking.withUnsafeBufferPointer { isEnabled(t, in: $0) }
    }

    /// Fires `t` in place (no enabledness check).
    @inline(__always)
    package func fire(_ t: Int, in marking: inout [Int]) {
        for k in preStart[t]..<preStart[t + 1] { marking[prePlace[k]] -= preWeight[k] }
        for k in postStart[t]..<postStart[t + 1] { marking[postPlace[k]] += postWeight[k] }
    }

    /// Tokens consumed by one firing of `t`.
    package func consumedTokens(_ t: Int) -> Int {
        preWeight[preStart[t]..<preStart[t + 1]].reduce(0, +)
    }

    /// Tokens produced by one firing of `t`.
    package func producedTokens(_ t: Int) -> Int {
        postWeight[postStart[t]..<postStart[t + 1]].reduce(0, +)
    }

    private func validate(requireFinalMarking: Bool) throws {
        if !initialMarking.contains(where: { $0 > 0 }) {
            throw ConformanceError(.noInitialMarking, "the Petri net has no initial marking")
        }
        if requireFinalMarking && !finalMarking.contains(where: { $0 > 0 }) {
            throw ConformanceError(.noFinalMarking, "the Petri net has no final marking")
        }
        for t in 0..<transitionCount where preStart[t] == preStart[t + 1] && postStart[t] < postStart[t + 1] {
            throw ConformanceError(.unboundedNet,
                                   "transition \(transitionIDs[t]) has no input place and produces tokens forever")
        }
    }

    private static func csr(_ lists: [[(Int, Int)]]) -> ([Int], [Int], [Int]) {
        var start = [0]
        var first: [Int] = []
        var second: [Int] = []
        for list in lists {
            for (a, b) in list {
                first.append(a)
                second.append(b)
            }
            start.append(first.count)
        }
        return (start, first, second)
    }

    private static func csr(_ lists: [[Int]]) -> ([Int], [Int]) {
        var start = [0]
        var flat: [Int] = []
        for list in lists {
            flat.append(contentsOf: list)
            start.append(flat.count)
        }
        return (start, flat)
    }

    private static func dense(_ marking: PetriNet.Marking, places: Int) -> [Int] {
        var result = Array(repeating: 0, count: places)
        for (place, tokens) in marking where place >= 0 && place < places { result[place] += tokens }
        return result
    }

    /// Code-point order of ids (Python's string order), ties broken by index.
    package static func precedes(_ a: String, _ ia: Int, _ b: String, _ ib: Int) -> Bool {
        if a == b { return ia < ib }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}
