extension ProcessTree {
    /// The equivalent sound workflow net: one source place (initial marking) and one sink place (final
    /// marking), built block by block as PM4Py's `to_petri_net` does — leaves are transitions (silent for
    /// tau), a sequence chains its children through fresh places, an exclusive choice puts its children
    /// between the same two places, a parallel operator adds a silent split and join, and a loop adds silent
    /// "enter", "redo" and "exit" transitions around its body and redo parts — followed by PM4Py's simple
    /// reduction (silent transitions fused with a neighbour where that cannot change the language).
    ///
    /// The language of the net (visible labels of the runs from initial to final marking) is the tree's
    /// language. Place and transition ids differ from PM4Py's (`source`, `sink`, `p_N`, `t_N`, `tau_N`).
    ///
    /// ```swift
    /// let net = try ProcessTree(pm4pyText: "->( 'a', X( tau, 'b' ) )").petriNet
    /// print(net.places.count, net.transitions.count)   // 2 3
    /// ```
    public var petriNet: PetriNet {
        var builder = WorkflowNetBuilder()
        let source = builder.addPlace(id: "source")
        let sink = builder.addPlace(id: "sink")
        builder.add(self, from: source, to: sink)
        builder.reduce()
        return builder.build(source: source, sink: sink)
    }
}

/// A mutable net with arc sets per node, for building and reducing a tree's workflow net.
private struct WorkflowNetBuilder {
    struct Transition {
        var id: String
        var label: String?
        var inputs: Set<Int> = []
        var outputs: Set<Int> = []
        var removed = false
    }

    var placeIDs: [String] = []
    var placeRemoved: [Bool] = []
    var placeInputs: [Set<Int>] = []
    var placeOutputs: [Set<Int>] = []
    var transitions: [Transition] = []
    private var visibleCount = 0
    private var silentCount = 0

    mutating func addPlace(id: String? = nil) -> Int {
        placeIDs.append(id ?? "p_\(placeIDs.count + 1)")
        placeRemoved.append(false)
        placeInputs.append([])
        placeOutputs.append([])
        return placeIDs.count - 1
    }

    mutating func addTransition(label: String?, from input: Int?, to output: Int?) -> Int {
        let id: String
        if label == nil { silentCount += 1; id = "tau_\(silentCount)" } else { visibleCount += 1; id = "t_\(visibleCount)" }
        transitions.append(Transition(id: id, label: label))
        let t = transitions.count - 1
        if let input { connect(place: input, to: t) }
        if let output { connect(t, to: output) }
        return t
    }

    mutating func connect(place: Int, to transition: Int) {
        transitions[transition].inputs.insert(place)
        placeOutputs[place].insert(transition)
    }

    mutating func connect(_ transition: Int, to place: Int) {
        transitions[transition].outputs.insert(place)
        placeInputs[place].insert(transition)
    }

    /// Adds the block of `tree` consuming from place `input` and producing into place `output`.
    mutating func add(_ tree: ProcessTree, from input: Int, to output: Int) {
        switch tree {
        case .activity(let label):
            _ = addTransition(label: label, from: input, to: output)
        case .silent:
            _ = addTransition(label: nil, from: input, to: output)
        case .sequence(let children):
            guard !children.isEmpty else { _ = addTransition(label: nil, from: input, to: output); return }
            var current = input
            for (i, child) in children.enumerated() {
                let next = i == children.count - 1 ? output : addPlace()
                add(child, from: current, to: next)
                current = next
            }
        case .exclusiveChoice(let children):
            guard !children.isEmpty else { _ = addTransition(label: nil, from: input, to: output); return }
            for child in children { add(child, from: input, to: output) }
        case .parallel(let children):
            let split = addTransition(label: nil, from: input, to: nil)
            let join = addTransition(label: nil, from: nil, to: output)
            for child in children {
                let start = addPlace(), end = addPlace()
                connect(split, to: start)
                connect(place: end, to: join)
                add(child, from: start, to: end)
            }
        case .loop(let children):
            guard let body = children.first else { _ = addTransition(label: nil, from: input, to: output); return }
            let bodyStart = addPlace(), bodyEnd = addPlace()
            _ = addTransition(label: nil, from: input, to: bodyStart)
            add(body, from: bodyStart, to: bodyEnd)
            _ = addTransition(label: nil, from: bodyEnd, to: output)
            if children.count > 1 {
                let redoEnd = addPlace()
                for redo in children.dropFirst() { add(redo, from: bodyEnd, to: redoEnd) }
                _ = addTransition(label: nil, from: redoEnd, to: bodyStart)
            }
        }
    }

    /// PM4Py's simple reduction, repeated until nothing changes: a silent transition whose only input place
    /// is fed by exactly one transition and feeds only it is fused into that feeding transition; a silent
    /// transition whose only output place is consumed by exactly one transition and fed only by it is fused
    /// into that consumer.
    mutating func reduce() {
        var changed = true
        while changed {
            changed = false
            for t in transitions.indices where !transitions[t].removed && transitions[t].label == nil {
                if fuseIntoFeeder(t) || fuseIntoConsumer(t) { changed = true }
            }
        }
    }

    private mutating func fuseIntoFeeder(_ t: Int) -> Bool {
        guard transitions[t].inputs.count == 1, let place = transitions[t].inputs.first,
              placeInputs[place].count == 1, placeOutputs[place] == [t], let feeder = placeInputs[place].first,
              feeder != t else { return false }
        let targets = transitions[t].outputs
        remove(transition: t)
        remove(place: place)
        for target in targets { connect(feeder, to: target) }
        return true
    }

    private mutating func fuseIntoConsumer(_ t: Int) -> Bool {
        guard transitions[t].outputs.count == 1, let place = transitions[t].outputs.first,
              placeOutputs[place].count == 1, placeInputs[place] == [t], let consumer = placeOutputs[place].first,
              consumer != t else { return false }
        let sources = transitions[t].inputs
        remove(transition: t)
        remove(place: place)
        for source in sources { connect(place: source, to: consumer) }
        return true
    }

    private mutating func remove(transition t: Int) {
        for p in transitions[t].inputs { placeOutputs[p].remove(t) }
        for p in transitions[t].outputs { placeInputs[p].remove(t) }
        transitions[t].inputs = []
        transitions[t].outputs = []
        transitions[t].removed = true
    }

    private mutating func remove(place p: Int) {
        for t in placeInputs[p] { transitions[t].outputs.remove(p) }
        for t in placeOutputs[p] { transitions[t].inputs.remove(p) }
        placeInputs[p] = []
        placeOutputs[p] = []
        placeRemoved[p] = true
    }

    func build(source: Int, sink: Int) -> PetriNet {
        var net = PetriNet(name: "process_tree_net")
        var placeIndex = [Int](repeating: -1, count: placeIDs.count)
        for p in placeIDs.indices where !placeRemoved[p] {
            placeIndex[p] = net.addPlace(id: placeIDs[p])
        }
        for t in transitions where !t.removed {
            let index = net.addTransition(id: t.id, label: t.label)
            for p in t.inputs.sorted() { net.addArc(from: .place(placeIndex[p]), to: .transition(index)) }
            for p in t.outputs.sorted() { net.addArc(from: .transition(index), to: .place(placeIndex[p])) }
        }
        net.initialMarking = [placeIndex[source]: 1]
        net.finalMarking = [placeIndex[sink]: 1]
        return net
    }
}
