import Conformance
import Discovery
import EventLog
import TracewiseTestSupport
import XCTest

final class QualityTests: XCTestCase {
    /// start → a → (b | c) → end, with an exclusive choice after a.
    private func choiceNet() -> PetriNet {
        var net = PetriNet()
        let start = net.addPlace(id: "p0"), middle = net.addPlace(id: "p1"), end = net.addPlace(id: "p2")
        let a = net.addTransition(id: "ta", label: "a")
        let b = net.addTransition(id: "tb", label: "b")
        let c = net.addTransition(id: "tc", label: "c")
        net.addArc(from: .place(start), to: .transition(a))
        net.addArc(from: .transition(a), to: .place(middle))
        for t in [b, c] {
            net.addArc(from: .place(middle), to: .transition(t))
            net.addArc(from: .transition(t), to: .place(end))
        }
        net.initialMarking = [start: 1]
        net.finalMarking = [end: 1]
        return net
    }

    private func log(_ traces: [[String]]) -> EventLog {
        var builder = EventLogBuilder()
        for trace in traces {
            builder.startTrace()
            for activity in trace { builder.addEvent(activity: activity) }
        }
        return builder.build()
    }

    func testPrecisionCountsEscapingEdges() throws {
        // Initially only a is enabled (observed). After "a", b and c are activated but only b is observed.
        let precision = try ETCPrecision().precision(of: log([["a", "b"], ["a", "b"]]), on: choiceNet())
        XCTAssertEqual(precision, 1 - 2.0 / 6.0, accuracy: 1e-12)
        let aligned = try AlignETCPrecision().precision(of: log([["a", "b"], ["a", "b"]]), on: choiceNet())
        XCTAssertEqual(aligned, 1 - 2.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(try ETCPrecision().precision(of: log([["a", "b"], ["a", "c"]]), on: choiceNet()), 1, accuracy: 1e-12)
    }

    func testTokenReplayCountsMissingAndRemainingTokens() throws {
        let result = try TokenReplay().replay(log([["a", "b"], ["b"]]), on: choiceNet())
        let fitting = try XCTUnwrap(result.variants.first { $0.activities == ["a", "b"] })
        XCTAssertTrue(fitting.isFit)
        XCTAssertEqual(fitting.fitness, 1)
        let skipping = try XCTUnwrap(result.variants.first { $0.activities == ["b"] })
        // b misses its token in p1; the initial token in p0 remains.
        XCTAssertEqual(skipping.missingTokens, 1)
        XCTAssertEqual(skipping.remainingTokens, 1)
        XCTAssertEqual(skipping.consumedTokens, 2)
        XCTAssertEqual(skipping.producedTokens, 2)
        XCTAssertEqual(result.percentFittingTraces, 50)
    }

    func testSimplicityAndGeneralization() throws {
        // 3 places + 3 transitions, 6 arcs: mean degree 2, simplicity 1.
        XCTAssertEqual(Simplicity().simplicity(of: choiceNet()), 1)
        let generalization = try Generalization().generalization(of: log([["a", "b"], ["a", "b"], ["a", "b"], ["a", "b"]]), on: choiceNet())
        XCTAssertEqual(generalization, 1 - (0.5 + 0.5 + 1) / 3, accuracy: 1e-12)
    }

    func testDeviationReportCountsMovesPerActivityAndCase() async throws {
        let log = log([["a", "b"], ["b"], ["a", "x", "c"]])
        let result = try await Alignments().align(log, on: choiceNet())
        let report = DeviationReport(result, log: log)
        XCTAssertEqual(report.cases.map(\.caseIndex), [1, 2])
        XCTAssertEqual(report.cases[0].deviations.map(\.kind), [.modelMove])
        XCTAssertEqual(report.cases[0].deviations[0].activity, "a")
        XCTAssertEqual(report.cases[1].deviations.map(\.activity), ["x"])
        let a = try XCTUnwrap(report.activities.first { $0.activity == "a" })
        XCTAssertEqual(a.modelMoves, 1)
        XCTAssertEqual(a.modelMoveCases, 1)
        let x = try XCTUnwrap(report.activities.first { $0.activity == "x" })
        XCTAssertEqual(x.logMoves, 1)
        let data = try JSONEncoder().encode(report)
        XCTAssertEqual(try JSONDecoder().decode(DeviationReport.self, from: data), report)
    }
}
