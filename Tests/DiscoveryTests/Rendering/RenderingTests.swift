import Discovery
import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

final class RenderingTests: XCTestCase {
    private func parse(_ text: String) throws -> XMLElementNode {
        var reader = XMLTreeReader(bytes: Array(text.utf8))
        return try reader.readDocument()
    }

    private func all(_ node: XMLElementNode) -> [XMLElementNode] {
        node.children.flatMap { [$0] + all($0) }
    }

    func testDFGAndPetriNetAndTreeDOT() {
        let log = NetsFixtures.runningExample
        let dfg = DirectlyFollowsGraph(log)
        let dot = dfg.dot()
        XCTAssertTrue(dot.hasPrefix("digraph dfg {"))
        XCTAssertEqual(dot.components(separatedBy: " -> ").count - 1,
                       dfg.edges.count + dfg.startActivities.count + dfg.endActivities.count)
        XCTAssertTrue(dot.contains("label=\"register request (6)\""))

        let net = AlphaMiner().discover(from: log)
        let netDot = net.dot()
        XCTAssertEqual(netDot.components(separatedBy: " -> ").count - 1, net.arcs.count)
        XCTAssertEqual(netDot.components(separatedBy: "shape=doublecircle").count - 1, 1)
        XCTAssertTrue(netDot.contains("label=\"●\""))

        let tree = ProcessTree.sequence([.activity("a \"quoted\""), .loop([.activity("b"), .silent])])
        let treeDot = tree.dot()
        XCTAssertTrue(treeDot.contains("label=\"a \\\"quoted\\\"\""))
        XCTAssertEqual(treeDot.components(separatedBy: " -> ").count - 1, 4)
    }

    func testPetriNetSVGDrawsEveryNode() throws {
        let net = try PNMLReader().read(contentsOf: try SharedData.require("reference/bpic2012/imf.pnml")).net
        let svg = PetriNetSVGRenderer().svg(for: net)
        try svg.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-bpic2012-imf.svg"),
                      atomically: true, encoding: .utf8)
        let root = try parse(svg)
        let groups = all(root).filter { $0.name == "g" }
        XCTAssertEqual(groups.filter { $0.attributes["class"] == "place" }.count, net.places.count)
        XCTAssertEqual(groups.filter { $0.attributes["class"] == "transition" }.count, net.transitions.filter { !$0.isSilent }.count)
        XCTAssertEqual(groups.filter { $0.attributes["class"] == "silent-transition" }.count, net.transitions.filter(\.isSilent).count)
        XCTAssertEqual(all(root).filter { $0.name == "path" }.count, net.arcs.count)
    }

    func testBPMNExportHasTasksGatewaysAndConsistentFlows() throws {
        let tree = ProcessTree.sequence([
            .activity("register & check"),
            .exclusiveChoice([.activity("fast"), .silent, .parallel([.activity("x"), .activity("y")])]),
            .loop([.activity("work"), .activity("redo")]),
        ])
        let root = try parse(BPMNWriter().string(for: tree))
        XCTAssertEqual(root.name, "definitions")
        let process = try XCTUnwrap(root.child("process"))
        let tasks = process.children("task")
        XCTAssertEqual(Set(tasks.compactMap { $0.attributes["name"] }), ["register & check", "fast", "x", "y", "work", "redo"])
        XCTAssertEqual(process.children("exclusiveGateway").count, 4)
        XCTAssertEqual(process.children("parallelGateway").count, 2)
        XCTAssertEqual(process.children("startEvent").count, 1)
        XCTAssertEqual(process.children("endEvent").count, 1)
        let ids = Set(process.children.compactMap { $0.name == "sequenceFlow" ? nil : $0.attributes["id"] })
        let flows = process.children("sequenceFlow")
        for flow in flows {
            XCTAssertTrue(ids.contains(flow.attributes["sourceRef"] ?? ""))
            XCTAssertTrue(ids.contains(flow.attributes["targetRef"] ?? ""))
        }
        // The silent branch is a flow straight from the choice's split to its join.
        XCTAssertEqual(flows.count, 17)
        let plane = try XCTUnwrap(root.child("BPMNDiagram")?.child("BPMNPlane"))
        XCTAssertEqual(plane.children("BPMNShape").count, ids.count)
        XCTAssertEqual(plane.children("BPMNEdge").count, flows.count)
    }

    func testMapSimplificationKeepsTopActivitiesAndConnectivity() {
        let log = NetsFixtures.runningExample
        let full = ProcessMap(log: log)
        XCTAssertEqual(full.activities.count, 8)
        XCTAssertEqual(full.paths.count, full.totalPathCount)

        let small = ProcessMap(log: log, activityPercentage: 50, pathPercentage: 0)
        XCTAssertEqual(small.activities.count, 4)
        XCTAssertEqual(Set(small.activities.map(\.name)), ["register request", "check ticket", "decide", "examine casually"])
        XCTAssertLessThan(small.paths.count, full.paths.count)
        let nodes: [ProcessMap.Endpoint] = [.start, .end] + small.activities.map { .activity($0.code) }
        for node in nodes {
            XCTAssertTrue(reach(from: .start, small, forward: true).contains(node), "\(node) unreachable from start")
            XCTAssertTrue(reach(from: .end, small, forward: false).contains(node), "\(node) cannot reach end")
        }
        // Projection: with only these activities, decide is directly followed by check ticket, etc.
        XCTAssertTrue(small.paths.allSatisfy { $0.count > 0 })
        let svg = ProcessMapSVGRenderer().svg(for: small)
        XCTAssertTrue(svg.contains("<title>register request: 6</title>"))
    }

    func testActivitiesCanBeShadedByMeanWait() throws {
        let map = ProcessMap(log: NetsFixtures.runningExample)
        let decide = try XCTUnwrap(map.activities.first { $0.name == "decide" })
        XCTAssertEqual(try XCTUnwrap(decide.meanWaitingSeconds), 3600, accuracy: 1e-9)
        XCTAssertNil(map.activities.first { $0.name == "register request" }?.meanWaitingSeconds)
        let svg = ProcessMapSVGRenderer(activityShading: .meanWaiting).svg(for: map)
        XCTAssertTrue(svg.contains("<title>decide: 9, mean wait 1 h</title>"))
        XCTAssertTrue(svg.contains("Activity mean wait"))
        XCTAssertNoThrow(try parse(svg))
    }

    private func reach(from root: ProcessMap.Endpoint, _ map: ProcessMap, forward: Bool) -> Set<ProcessMap.Endpoint> {
        var seen: Set<ProcessMap.Endpoint> = [root]
        var stack = [root]
        while let node = stack.popLast() {
            for path in map.paths {
                let (from, to) = forward ? (path.source, path.target) : (path.target, path.source)
                if from == node, seen.insert(to).inserted { stack.append(to) }
            }
        }
        return seen
    }

    func testLayeredLayoutSeparatesNodesAndOrdersLayers() {
        // A diamond with a back edge: 0 → 1, 0 → 2, 1 → 3, 2 → 3, 3 → 0.
        let edges: [LayeredLayout.Edge] = [.init(source: 0, target: 1), .init(source: 0, target: 2), .init(source: 1, target: 3),
                                           .init(source: 2, target: 3), .init(source: 3, target: 0)]
        let result = LayeredLayout(nodeSizes: Array(repeating: LayeredLayout.Size(rank: 20, order: 50), count: 4), edges: edges,
                                   firstNode: 0, lastNode: 3).compute()
        XCTAssertEqual(result.layers, [0, 1, 1, 2])
        XCTAssertGreaterThanOrEqual(abs(result.nodes[1].order - result.nodes[2].order), 50)
        XCTAssertLessThan(result.nodes[0].rank, result.nodes[1].rank)
        XCTAssertEqual(result.edgeRoutes[4].first!.rank, result.nodes[3].rank - 10, accuracy: 1e-9)
        XCTAssertEqual(result.edgeRoutes[4].last!.rank, result.nodes[0].rank + 10, accuracy: 1e-9)
    }
}
