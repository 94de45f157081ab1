import Discovery
import TracewiseTestSupport
import XCTest

final class PetriNetAnalysisTests: XCTestCase {
    /// source → a → p → b → sink, with optional extra structure added by each test.
    private func sequenceNet() -> (PetriNet, source: Int, p: Int, sink: Int) {
        var net = PetriNet()
        let source = net.addPlace(id: "source"), p = net.addPlace(id: "p"), sink = net.addPlace(id: "sink")
        let a = net.addTransition(id: "a", label: "a"), b = net.addTransition(id: "b", label: "b")
        net.addArc(from: .place(source), to: .transition(a))
        net.addArc(from: .transition(a), to: .place(p))
        net.addArc(from: .place(p), to: .transition(b))
        net.addArc(from: .transition(b), to: .place(sink))
        net.initialMarking = [source: 1]
        net.finalMarking = [sink: 1]
        return (net, source, p, sink)
    }

    func testSequenceIsASoundWorkflowNet() {
        let (net, source, _, sink) = sequenceNet()
        XCTAssertTrue(net.workflowNetShape.isWorkflowNet)
        XCTAssertEqual(net.workflowNetShape.source, source)
        XCTAssertEqual(net.workflowNetShape.sink, sink)
        let graph = net.reachabilityGraph()
        XCTAssertEqual(graph.status, .complete)
        XCTAssertEqual(graph.markings.map(Array.init), [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        XCTAssertEqual(graph.state(of: [0, 1, 0]), 1)
        XCTAssertNil(graph.state(of: [1, 1, 0]))
        XCTAssertEqual(graph.edges.map(\.transition), [0, 1])
        let report = net.soundness()
        XCTAssertEqual(report.verdict, .sound)
        XCTAssertEqual(report.optionToComplete, true)
        XCTAssertEqual(report.statesExplored, 3)
    }

    func testShapeViolations() {
        var (net, _, _, _) = sequenceNet()
        let island = net.addPlace(id: "island")
        let c = net.addTransition(id: "c", label: "c")
        net.addArc(from: .place(island), to: .transition(c))
        let shape = net.workflowNetShape
        XCTAssertFalse(shape.isWorkflowNet)
        XCTAssertTrue(shape.violations.contains(.multipleSourcePlaces([0, island])))
        XCTAssertTrue(shape.violations.contains(.transitionWithoutOutput(c)))
        XCTAssertEqual(net.soundness().verdict, .unsound)
    }

    func testUnboundedNetIsDetectedWithItsPlaces() throws {
        var (net, _, p, _) = sequenceNet()
        let pump = net.addTransition(id: "pump", label: "pump")
        let counter = net.addPlace(id: "counter")
        net.addArc(from: .place(p), to: .transition(pump))
        net.addArc(from: .transition(pump), to: .place(p))
        net.addArc(from: .transition(pump), to: .place(counter))
        XCTAssertEqual(net.reachabilityGraph().status, .unbounded(places: [counter]))
        XCTAssertThrowsError(try net.completeReachabilityGraph()) { error in
            XCTAssertEqual((error as? DiscoveryError)?.code, .invalidNet)
        }
        XCTAssertEqual(net.soundness().verdict, .unsound)
    }

    func testStateLimitStopsExploration() {
        var net = PetriNet()
        var initial: PetriNet.Marking = [:]
        for i in 0..<12 {
            let from = net.addPlace(id: "i\(i)"), to = net.addPlace(id: "o\(i)")
            let t = net.addTransition(id: "t\(i)", label: "t\(i)")
            net.addArc(from: .place(from), to: .transition(t))
            net.addArc(from: .transition(t), to: .place(to))
            initial[from] = 1
        }
        net.initialMarking = initial
        XCTAssertEqual(net.reachabilityGraph(stateLimit: 1 << 12).markings.count, 1 << 12)
        XCTAssertEqual(net.reachabilityGraph(stateLimit: 100).status, .stateLimitReached(limit: 100))
        XCTAssertEqual(net.soundness(stateLimit: 100).reachability, .stateLimitReached(limit: 100))
    }

    func testDeadlockDeadTransitionAndImproperCompletion() {
        var (net, source, _, sink) = sequenceNet()
        // A choice at the source into a dead end: option to complete fails.
        let trap = net.addPlace(id: "trap")
        let x = net.addTransition(id: "x", label: "x")
        net.addArc(from: .place(source), to: .transition(x))
        net.addArc(from: .transition(x), to: .place(trap))
        let never = net.addTransition(id: "never", label: "never")
        let other = net.addPlace(id: "other")
        net.addArc(from: .place(trap), to: .transition(never))
        net.addArc(from: .place(other), to: .transition(never))
        net.addArc(from: .transition(never), to: .place(sink))
        var report = net.soundness()
        XCTAssertEqual(report.verdict, .unsound)
        XCTAssertEqual(report.optionToComplete, false)
        XCTAssertEqual(report.deadTransitions, [never])

        var (leaky, _, q, _) = sequenceNet()
        let extra = leaky.addTransition(id: "extra", label: "extra")
        leaky.addArc(from: .place(q), to: .transition(extra))
        leaky.addArc(from: .transition(extra), to: .place(sink), weight: 2)
        report = leaky.soundness()
        XCTAssertFalse(report.properCompletion)
        XCTAssertEqual(report.verdict, .unsound)
    }

    func testPM4PyInductiveMinerNetsAreSoundWorkflowNets() throws {
        for (_, reference) in SharedData.referenceLogs {
            for model in ["im", "imf"] {
                let net = try PNMLReader().read(contentsOf: try SharedData.require("reference/\(reference)/\(model).pnml")).net
                XCTAssertTrue(net.workflowNetShape.isWorkflowNet, "\(reference) \(model)")
                let report = net.soundness(stateLimit: 200_000)
                XCTAssertNotEqual(report.verdict, .unsound, "\(reference) \(model): \(report.problems)")
                XCTAssertTrue(report.properCompletion, "\(reference) \(model)")
                if reference == "running-example" { XCTAssertEqual(report.verdict, .sound) }
            }
        }
    }
}
