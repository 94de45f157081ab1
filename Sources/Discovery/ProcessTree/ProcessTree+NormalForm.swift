extension ProcessTree {
    /// The tree simplified without changing its language, the way PM4Py folds the trees its miners return:
    /// silent children of sequences and parallels are dropped, an exclusive choice keeps at most one silent
    /// child, nested sequences / choices / parallels of the same operator are flattened, operators with
    /// a single child are replaced by it, and a loop of silent steps only becomes a silent step.
    /// Repeated until nothing changes.
    ///
    /// ```swift
    /// let tree = ProcessTree.sequence([.silent, .sequence([.activity("a"), .activity("b")])])
    /// tree.folded()   // ->( 'a', 'b' )
    /// ```
    public var folded: ProcessTree {
        var current = self
        while true {
            let next = current.foldStep()
            if next == current { return current }
            current = next
        }
    }

    /// ``folded`` with the children of every exclusive choice and parallel operator sorted by their text.
    /// Two trees with the same canonical form describe the same model up to the order of unordered children;
    /// use it to compare discovered trees with a reference.
    public var canonical: ProcessTree { folded.sortedUnorderedChildren().tree }

    private func foldStep() -> ProcessTree {
        switch self {
        case .activity, .silent:
            return self
        case .sequence(let children):
            return Self.simplifyAllOrNothing(children.map { $0.foldStep() }, make: ProcessTree.sequence)
        case .parallel(let children):
            return Self.simplifyAllOrNothing(children.map { $0.foldStep() }, make: ProcessTree.parallel)
        case .exclusiveChoice(let children):
            var kept: [ProcessTree] = []
            var hasSilent = false
            for child in children.map({ $0.foldStep() }) {
                let parts: [ProcessTree]
                if case .exclusiveChoice(let grandchildren) = child { parts = grandchildren } else { parts = [child] }
                for part in parts {
                    if part.isSilent {
                        if hasSilent { continue }
                        hasSilent = true
                    }
                    kept.append(part)
                }
            }
            if kept.isEmpty { return .silent }
            return kept.count == 1 ? kept[0] : .exclusiveChoice(kept)
        case .loop(let children):
            let folded = children.map { $0.foldStep() }
            if folded.allSatisfy(\.isSilent) { return .silent }
            return folded.count == 1 ? folded[0] : .loop(folded)
        }
    }

    /// Sequence and parallel: silent children are redundant, same-operator children are spliced in.
    private static func simplifyAllOrNothing(_ children: [ProcessTree],
                                             make: ([ProcessTree]) -> ProcessTree) -> ProcessTree {
        var kept: [ProcessTree] = []
        let probe = make([])
        for child in children where !child.isSilent {
            if child.operatorSymbol != nil, child.operatorSymbol == probe.operatorSymbol {
                kept.append(contentsOf: child.children)
            } else {
                kept.append(child)
            }
        }
        if kept.isEmpty { return .silent }
        return kept.count == 1 ? kept[0] : make(kept)
    }

    private func sortedUnorderedChildren() -> (tree: ProcessTree, text: String) {
        switch self {
        case .activity, .silent:
            return (self, pm4pyText)
        case .exclusiveChoice, .parallel:
            let sorted = children.map { $0.sortedUnorderedChildren() }.sorted { $0.text < $1.text }
            let tree = withChildren(sorted.map(\.tree))
            return (tree, tree.pm4pyText)
        default:
            let tree = withChildren(children.map { $0.sortedUnorderedChildren().tree })
            return (tree, tree.pm4pyText)
        }
    }
}
