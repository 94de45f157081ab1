import Agents
import Conformance
import Discovery
import EventLog
import XCTest

final class DeviationConversionTests: XCTestCase {
    /// start → a → p → b → end, aligned against the trace a, c (log move) and the trace a (model move b).
    func testAlignmentDeviationsBecomeCaseCountsWithFitness() async throws {
        var net = PetriNet()
        let start = net.addPlace(id: "start"), middle = net.addPlace(id: "p"), end = net.addPlace(id: "end")
        let a = net.addTransition(id: "t_a", label: "a"), b = net.addTransition(id: "t_b", label: "approve")
        net.addArc(from: .place(start), to: .transition(a))
        net.addArc(from: .transition(a), to: .place(middle))
        net.addArc(from: .place(middle), to: .transition(b))
        net.addArc(from: .transition(b), to: .place(end))
        net.initialMarking = [start: 1]
        net.finalMarking = [end: 1]
        var builder = EventLogBuilder()
        for (id, trace) in [("fits", ["a", "approve"]), ("extra", ["a", "c", "approve"]), ("skipped", ["a"])] {
            builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string(id))])
            for activity in trace { builder.addEvent(activity: activity) }
        }
        let log = builder.build()
        let report = DeviationReport(try await Alignments().align(log, on: net), log: log)
        let (counts, fitness) = report.caseDeviations
        XCTAssertEqual(counts.countsByCase, ["extra": ["log move: c": 1], "skipped": ["model move: approve": 1]])
        XCTAssertEqual(Set(fitness.keys), ["extra", "skipped"])
        XCTAssertLessThan(fitness["skipped"] ?? 1, 1)

        let raw = ProcessMiningExceptions(options: .init(slaSeconds: 1e12)).exceptions(from: log, deviations: counts, fitness: fitness)
        XCTAssertEqual(raw.compactMap { $0["exceptionType"]?.stringValue }, ["UNEXPECTED_ACTIVITY", "SKIPPED_APPROVAL"])
        XCTAssertEqual(raw[0][path: "payload.caseId"], "extra")
        XCTAssertEqual(raw[1][path: "payload.skippedActivity"], "approve")
        XCTAssertEqual(raw[1][path: "payload.fitness"]?.numberValue, fitness["skipped"])
    }
}
