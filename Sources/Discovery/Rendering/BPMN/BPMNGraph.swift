/// The flow graph of a BPMN process built from a process tree, and its XML with a computed layout.
struct BPMNGraph {
    enum Kind: String {
        case startEvent, endEvent, task
        case exclusiveSplit, exclusiveJoin, parallelSplit, parallelJoin

        var element: String {
            switch self {
            case .startEvent, .endEvent, .task: rawValue
            case .exclusiveSplit, .exclusiveJoin: "exclusiveGateway"
            case .parallelSplit, .parallelJoin: "parallelGateway"
            }
        }
        var direction: String? {
            switch self {
            case .exclusiveSplit, .parallelSplit: "Diverging"
            case .exclusiveJoin, .parallelJoin: "Converging"
            default: nil
            }
        }
        var size: (width: Double, height: Double) {
            switch self {
            case .task: (110, 64)
            case .startEvent, .endEvent: (36, 36)
            default: (50, 50)
            }
        }
    }

    private(set) var kinds: [Kind] = []
    private(set) var names: [String?] = []
    private(set) var flows: [(Int, Int)] = []

    mutating func add(_ kind: Kind, name: String?) -> Int {
        kinds.append(kind)
        names.append(name)
        return kinds.count - 1
    }

    mutating func flow(_ a: Int, _ b: Int) {
        guard a != b, !flows.contains(where: { $0 == (a, b) }) else { return }
        flows.append((a, b))
    }

    /// Adds `tree` after node `from` and returns the node where control leaves it.
    mutating func connect(_ tree: ProcessTree, from: Int) -> Int {
        switch tree {
        case .silent:
            return from
        case .activity(let label):
            let task = add(.task, name: label)
            flow(from, task)
            return task
        case .sequence(let children):
            return children.reduce(from) { connect($1, from: $0) }
        case .exclusiveChoice(let children), .parallel(let children):
            let isChoice: Bool
            if case .exclusiveChoice = tree { isChoice = true } else { isChoice = false }
            let split = add(isChoice ? .exclusiveSplit : .parallelSplit, name: nil)
            let join = add(isChoice ? .exclusiveJoin : .parallelJoin, name: nil)
            flow(from, split)
            for child in children { flow(connect(child, from: split), join) }
            return join
        case .loop(let children):
            let join = add(.exclusiveJoin, name: nil)
            flow(from, join)
            let bodyEnd = children.first.map { connect($0, from: join) } ?? join
            let split = add(.exclusiveSplit, name: nil)
            flow(bodyEnd, split)
            for redo in children.dropFirst() { flow(connect(redo, from: split), join) }
            if children.count == 1 { flow(split, join) }
            return split
        }
    }

    func xml(processName: String) -> String {
        let ids = kinds.indices.map { "\(kinds[$0].rawValue)_\($0)" }
        var layout = LayeredLayout(nodeSizes: kinds.map { LayeredLayout.Size(rank: $0.size.width, order: $0.size.height) },
                                   edges: flows.map { .init(source: $0.0, target: $0.1) },
                                   firstNode: 0, lastNode: kinds.count - 1)
        layout.layerGap = 50
        layout.nodeGap = 30
        let result = layout.compute()
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
        xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" \
        id="definitions" targetNamespace="http://tracewise.dev/bpmn" exporter="Tracewise">
          <process id="process" name="\(SVGText.escape(processName))" isExecutable="false">

        """
        for (i, kind) in kinds.enumerated() {
            let incoming = flows.indices.filter { flows[$0].1 == i }.map { "      <incoming>flow_\($0)</incoming>\n" }.joined()
            let outgoing = flows.indices.filter { flows[$0].0 == i }.map { "      <outgoing>flow_\($0)</outgoing>\n" }.joined()
            var attributes = "id=\"\(ids[i])\""
            if let name = names[i] { attributes += " name=\"\(SVGText.escape(name))\"" }
            if let direction = kind.direction { attributes += " gatewayDirection=\"\(direction)\"" }
            out += "    <\(kind.element) \(attributes)>\n\(incoming)\(outgoing)    </\(kind.element)>\n"
        }
        for (k, (a, b)) in flows.enumerated() {
            out += "    <sequenceFlow id=\"flow_\(k)\" sourceRef=\"\(ids[a])\" targetRef=\"\(ids[b])\"/>\n"
        }
        out += "  </process>\n  <bpmndi:BPMNDiagram id=\"diagram\">\n    <bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"process\">\n"
        for (i, kind) in kinds.enumerated() {
            let c = result.nodes[i]
            let x = c.rank - kind.size.width / 2, y = c.order - kind.size.height / 2
            out += "      <bpmndi:BPMNShape id=\"shape_\(ids[i])\" bpmnElement=\"\(ids[i])\">"
            out += "<dc:Bounds x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(kind.size.width))\" height=\"\(SVGText.number(kind.size.height))\"/></bpmndi:BPMNShape>\n"
        }
        for (k, _) in flows.enumerated() {
            out += "      <bpmndi:BPMNEdge id=\"edge_flow_\(k)\" bpmnElement=\"flow_\(k)\">"
            for p in result.edgeRoutes[k] {
                out += "<di:waypoint x=\"\(SVGText.number(p.rank))\" y=\"\(SVGText.number(p.order))\"/>"
            }
            out += "</bpmndi:BPMNEdge>\n"
        }
        out += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</definitions>\n"
        return out
    }
}
