/// Decides whether a trace is in the language of a process tree by replaying the tree itself.
///
/// Trees whose visible labels are all distinct — every tree the inductive miners return — are decided
/// structurally: each event belongs to exactly one leaf, so a sequence's events must come child by child,
/// a parallel operator's children each get their projection, an exclusive choice gives all events to one
/// child, and a loop's events are segmented into body and redo parts by dynamic programming (pruned by
/// the first and last activities each part can have). Trees with repeated labels are decided by a
/// breadth-first token game on the equivalent workflow net (``ProcessTree/petriNet``).
///
/// ```swift
/// let language = ProcessTreeLanguage(try ProcessTree(pm4pyText: "->( 'a', *( 'b', tau ) )"))
/// language.accepts(["a", "b", "b"])   // true
/// language.accepts(["b"])             // false
/// ```
public struct ProcessTreeLanguage: Sendable {
    private struct Node: Sendable {
        enum Kind: Sendable { case activity(Int), silent, sequence, choice, parallel, loop }
        var kind: Kind
        var children: [Int] = []
        var nullable = false
        var first: BitSet
        var last: BitSet
        var alphabet: BitSet
    }

    /// The tree being replayed.
    public let tree: ProcessTree
    private var nodes: [Node] = []
    private var labelCodes: [String: Int] = [:]
    /// `childContaining[node * labelCount + label]`: the position among `node`'s children of the child whose
    /// subtree has the label, or -1.
    private var childContaining: [Int32] = []
    private let hasUniqueLabels: Bool
    private let netReplayer: NetLanguage?

    /// Prepares `tree` for membership queries.
    public init(_ tree: ProcessTree) {
        self.tree = tree
        let labels = tree.activityLabels
        hasUniqueLabels = Set(labels).count == labels.count
        for label in labels where labelCodes[label] == nil { labelCodes[label] = labelCodes.count }
        if hasUniqueLabels {
            netReplayer = nil
            _ = compile(tree)
            indexChildren()
        } else {
            netReplayer = NetLanguage(tree.petriNet)
        }
    }

    /// True when `trace` (activity labels in order) is a complete run of the tree.
    ///
    /// - Complexity: for trees with distinct labels, about O(n · s) for a trace of n events where s is the
    ///   number of loop segmentations tried (small in practice); with repeated labels it is bounded by the
    ///   reachable markings of the net.
    public func accepts(_ trace: [String]) -> Bool {
        if let netReplayer { return netReplayer.accepts(trace) }
        var codes: [Int] = []
        codes.reserveCapacity(trace.count)
        for label in trace {
            guard let code = labelCodes[label] else { return false }
            codes.append(code)
        }
        return accepts(node: 0, codes[...])
    }

    // MARK: Compilation

    private mutating func compile(_ tree: ProcessTree) -> Int {
        let index = nodes.count
        let width = labelCodes.count
        nodes.append(Node(kind: .silent, first: BitSet(count: width), last: BitSet(count: width), alphabet: BitSet(count: width)))
        var node = nodes[index]
        switch tree {
        case .activity(let label):
            let code = labelCodes[label]!
            node.kind = .activity(code)
            node.first.insert(code)
            node.last.insert(code)
            node.alphabet.insert(code)
        case .silent:
            node.nullable = true
        case .sequence(let children), .exclusiveChoice(let children), .parallel(let children), .loop(let children):
            node.children = children.map { compile($0) }
            let compiled = node.children.map { nodes[$0] }
            for child in compiled { node.alphabet.formUnion(child.alphabet) }
            switch tree {
            case .sequence:
                node.kind = .sequence
                node.nullable = compiled.allSatisfy(\.nullable)
                for child in compiled { node.first.formUnion(child.first); if !child.nullable { break } }
                for child in compiled.reversed() { node.last.formUnion(child.last); if !child.nullable { break } }
            case .exclusiveChoice, .parallel:
                node.kind = tree.operatorSymbol == "X" ? .choice : .parallel
                node.nullable = tree.operatorSymbol == "X" ? compiled.contains(where: \.nullable) || compiled.isEmpty
                                                           : compiled.allSatisfy(\.nullable)
                for child in compiled { node.first.formUnion(child.first); node.last.formUnion(child.last) }
            default:
                node.kind = .loop
                node.nullable = compiled.first?.nullable ?? true
                if let body = compiled.first {
                    node.first = body.first
                    node.last = body.last
                    if body.nullable {
                        for redo in compiled.dropFirst() { node.first.formUnion(redo.first); node.last.formUnion(redo.last) }
                    }
                }
            }
        }
        nodes[index] = node
        return index
    }

    private mutating func indexChildren() {
        let width = labelCodes.count
        childContaining = Array(repeating: -1, count: nodes.count * width)
        for (n, node) in nodes.enumerated() {
            for (position, child) in node.children.enumerated() {
                for label in 0..<width where nodes[child].alphabet.contains(label) {
                    childContaining[n * width + label] = Int32(position)
                }
            }
        }
    }

    // MARK: Replay

    private func owner(_ node: Int, _ label: Int) -> Int {
        Int(childContaining[node * labelCodes.count + label])
    }

    private func accepts(node index: Int, _ events: ArraySlice<Int>) -> Bool {
        let node = nodes[index]
        if events.isEmpty { return node.nullable }
        guard node.first.contains(events.first!), node.last.contains(events.last!) else { return false }
        switch node.kind {
        case .activity(let code):
            return events.count == 1 && events.first! == code
        case .silent:
            return false
        case .choice:
            let child = owner(index, events.first!)
            guard events.allSatisfy({ owner(index, $0) == child }) else { return false }
            return accepts(node: node.children[child], events)
        case .sequence:
            var start = events.startIndex
            var current = 0
            for position in events.indices {
                let child = owner(index, events[position])
                guard child >= current else { return false }
                if child > current {
                    guard accepts(node: node.children[current], events[start..<position]) else { return false }
                    for skipped in (current + 1)..<child where !nodes[node.children[skipped]].nullable { return false }
                    current = child
                    start = position
                }
            }
            guard accepts(node: node.children[current], events[start...]) else { return false }
            return node.children[(current + 1)...].allSatisfy { nodes[$0].nullable }
        case .parallel:
            var parts = Array(repeating: [Int](), count: node.children.count)
            for label in events {
                let child = owner(index, label)
                guard child >= 0 else { return false }
                parts[child].append(label)
            }
            return zip(node.children, parts).allSatisfy { accepts(node: $0, $1[...]) }
        case .loop:
            return acceptsLoop(node, events)
        }
    }

    /// Segments `events` into body (redo body)* by dynamic programming over positions: `afterBody[j]` says
    /// the first j events can end with a completed body, `afterRedo[j]` with a completed redo.
    private func acceptsLoop(_ node: Node, _ events: ArraySlice<Int>) -> Bool {
        let body = node.children[0]
        let redos = Array(node.children.dropFirst())
        let bodyNullable = nodes[body].nullable
        let redoNullable = redos.contains { nodes[$0].nullable }
        let base = events.startIndex
        let count = events.count
        var afterBody = [Bool](repeating: false, count: count + 1)
        var afterRedo = [Bool](repeating: false, count: count + 1)
        for j in 0...count {
            var bodyEnds = j == 0 ? bodyNullable : segment(body, events, base, 0, j)
            var redoEnds = false
            var i = j - 1
            while i >= 0 {
                let event = events[base + i]
                let inBody = nodes[body].alphabet.contains(event)
                if !inBody && !redos.contains(where: { nodes[$0].alphabet.contains(event) }) { break }
                if afterRedo[i] && !bodyEnds && inBody && segment(body, events, base, i, j) { bodyEnds = true }
                if afterBody[i] && !redoEnds && !inBody && redos.contains(where: { segment($0, events, base, i, j) }) {
                    redoEnds = true
                }
                i -= 1
            }
            if !bodyEnds && redoEnds && bodyNullable { bodyEnds = true }
            if !redoEnds && bodyEnds && redoNullable { redoEnds = true }
            if !bodyEnds && redoEnds && bodyNullable { bodyEnds = true }
            afterBody[j] = bodyEnds
            afterRedo[j] = redoEnds
        }
        return afterBody[count]
    }

    /// Whether `events[i..<j]` (offsets from `base`) is accepted by `child`, checking the cheap bounds first.
    private func segment(_ child: Int, _ events: ArraySlice<Int>, _ base: Int, _ i: Int, _ j: Int) -> Bool {
        let node = nodes[child]
        guard node.first.contains(events[base + i]), node.last.contains(events[base + j - 1]) else { return false }
        return accepts(node: child, events[(base + i)..<(base + j)])
    }
}
