/// The structural workflow-net check of a Petri net: exactly one source place (no incoming arcs), exactly
/// one sink place (no outgoing arcs), and every place and transition on a path from the source to the sink.
///
/// ```swift
/// let shape = net.workflowNetShape
/// if !shape.isWorkflowNet { print(shape.violations) }
/// ```
public struct WorkflowNetShape: Hashable, Sendable {
    /// One reason why a net is not a workflow net.
    public enum Violation: Hashable, Sendable, CustomStringConvertible {
        case noSourcePlace
        case multipleSourcePlaces([Int])
        case noSinkPlace
        case multipleSinkPlaces([Int])
        /// A transition without input places can fire at any time; workflow nets have none.
        case transitionWithoutInput(Int)
        case transitionWithoutOutput(Int)
        /// A node that is not on any path from the source to the sink.
        case nodeNotOnSourceSinkPath(PetriNet.Node)

        public var description: String {
            switch self {
            case .noSourcePlace: "no source place (every place has an incoming arc)"
            case .multipleSourcePlaces(let p): "\(p.count) source places"
            case .noSinkPlace: "no sink place (every place has an outgoing arc)"
            case .multipleSinkPlaces(let p): "\(p.count) sink places"
            case .transitionWithoutInput(let t): "transition \(t) has no input place"
            case .transitionWithoutOutput(let t): "transition \(t) has no output place"
            case .nodeNotOnSourceSinkPath(let node): "\(node) is not on a path from the source to the sink"
            }
        }
    }

    /// The unique source place, when there is exactly one.
    public let source: Int?
    /// The unique sink place, when there is exactly one.
    public let sink: Int?
    public let violations: [Violation]

    public var isWorkflowNet: Bool { violations.isEmpty }
}

extension PetriNet {
    /// Checks the workflow-net shape (see ``WorkflowNetShape``).
    ///
    /// - Complexity: O(places + transitions + arcs).
    public var workflowNetShape: WorkflowNetShape {
        let graph = NodeGraph(self)
        var violations: [WorkflowNetShape.Violation] = []
        let sources = places.indices.filter { graph.incoming[graph.placeNode($0)].isEmpty }
        let sinks = places.indices.filter { graph.outgoing[graph.placeNode($0)].isEmpty }
        switch sources.count {
        case 0: violations.append(.noSourcePlace)
        case 1: break
        default: violations.append(.multipleSourcePlaces(sources))
        }
        switch sinks.count {
        case 0: violations.append(.noSinkPlace)
        case 1: break
        default: violations.append(.multipleSinkPlaces(sinks))
        }
        for t in transitions.indices {
            if graph.incoming[graph.transitionNode(t)].isEmpty { violations.append(.transitionWithoutInput(t)) }
            if graph.outgoing[graph.transitionNode(t)].isEmpty { violations.append(.transitionWithoutOutput(t)) }
        }
        let source = sources.count == 1 ? sources[0] : nil
        let sink = sinks.count == 1 ? sinks[0] : nil
        if let source, let sink {
            let forward = graph.reachable(from: graph.placeNode(source), along: graph.outgoing)
            let backward = graph.reachable(from: graph.placeNode(sink), along: graph.incoming)
            for node in 0..<graph.nodeCount where !(forward[node] && backward[node]) {
                violations.append(.nodeNotOnSourceSinkPath(graph.node(node)))
            }
        }
        return WorkflowNetShape(source: source, sink: sink, violations: violations)
    }
}

/// Places and transitions as one graph (places first), for structural searches.
struct NodeGraph {
    let placeCount: Int
    let nodeCount: Int
    var outgoing: [[Int]]
    var incoming: [[Int]]

    init(_ net: PetriNet) {
        placeCount = net.places.count
        nodeCount = net.places.count + net.transitions.count
        outgoing = Array(repeating: [], count: nodeCount)
        incoming = Array(repeating: [], count: nodeCount)
        for arc in net.arcs {
            let s = index(arc.source), t = index(arc.target)
            outgoing[s].append(t)
            incoming[t].append(s)
        }
    }

    func placeNode(_ p: Int) -> Int { p }
    func transitionNode(_ t: Int) -> Int { placeCount + t }
    func index(_ node: PetriNet.Node) -> Int {
        switch node {
        case .place(let p): p
        case .transition(let t): placeCount + t
        }
    }
    func node(_ index: Int) -> PetriNet.Node {
        index < placeCount ? .place(index) : .transition(index - placeCount)
    }

    func reachable(from start: Int, along edges: [[Int]]) -> [Bool] {
        var seen = Array(repeating: false, count: nodeCount)
        var stack = [start]
        seen[start] = true
        while let node = stack.popLast() {
            for next in edges[node] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }
}
