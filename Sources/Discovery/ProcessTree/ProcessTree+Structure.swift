extension ProcessTree {
    /// An operator node of the same kind with other children (leaves are returned unchanged).
    public func withChildren(_ children: [ProcessTree]) -> ProcessTree {
        switch self {
        case .activity, .silent: self
        case .sequence: .sequence(children)
        case .exclusiveChoice: .exclusiveChoice(children)
        case .parallel: .parallel(children)
        case .loop: .loop(children)
        }
    }

    /// True for a silent leaf.
    public var isSilent: Bool {
        if case .silent = self { return true }
        return false
    }

    /// True for leaves (activities and silent steps).
    public var isLeaf: Bool {
        switch self {
        case .activity, .silent: true
        default: false
        }
    }

    /// The visible labels of the tree's leaves, left to right (with repetitions).
    public var activityLabels: [String] {
        var labels: [String] = []
        collectLabels(into: &labels)
        return labels
    }

    private func collectLabels(into labels: inout [String]) {
        switch self {
        case .activity(let label): labels.append(label)
        case .silent: break
        default: for child in children { child.collectLabels(into: &labels) }
        }
    }

    /// The number of nodes (leaves and operators).
    public var nodeCount: Int { 1 + children.reduce(0) { $0 + $1.nodeCount } }

    /// True when the empty trace is in the tree's language.
    public var acceptsEmptyTrace: Bool {
        switch self {
        case .activity: false
        case .silent: true
        case .sequence(let c), .parallel(let c): c.allSatisfy(\.acceptsEmptyTrace)
        case .exclusiveChoice(let c): c.contains { $0.acceptsEmptyTrace }
        case .loop(let c): c.first?.acceptsEmptyTrace ?? true
        }
    }
}
