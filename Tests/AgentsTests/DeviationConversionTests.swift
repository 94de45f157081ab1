import Agents
import Conformance
import Discovery
import EventLog
import Explain
import Packs
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
        let counts = report.deviationCountsByCase
        let fitness = report.fitnessByCase
        XCTAssertEqual(counts, ["extra": ["log move: c": 1], "skipped": ["model move: approve": 1]])
        XCTAssertEqual(CaseDeviations(countsByCase: counts).labels, ["log move: c", "model move: approve"])
        XCTAssertEqual(Set(fitness.keys), ["extra", "skipped"])
        XCTAssertLessThan(fitness["skipped"] ?? 1, 1)

        let raw = ProcessMiningExceptions(options: .init(slaSeconds: 1e12)).exceptions(from: log, deviations: CaseDeviations(countsByCase: counts), fitness: fitness)
        XCTAssertEqual(raw.compactMap { $0["exceptionType"]?.stringValue }, ["UNEXPECTED_ACTIVITY", "SKIPPED_APPROVAL"])
        XCTAssertEqual(raw[0][path: "payload.caseId"], "extra")
        XCTAssertEqual(raw[1][path: "payload.skippedActivity"], "approve")
        XCTAssertEqual(raw[1][path: "payload.fitness"]?.numberValue, fitness["skipped"])

        // A pack that names its case id differently and defines only SKIPPED_APPROVAL gets only that, keyed its way.
        let pack = DomainPack(
            domainName: "audit", version: SemanticVersion(1, 0, 0),
            entities: [EntityDefinition(name: "Case", identifier: "caseNumber", fields: [FieldDefinition(name: "caseNumber", type: .string)])],
            exceptionTypes: [ExceptionTypeDefinition(name: "SKIPPED_APPROVAL", description: "skipped", defaultSeverity: .high, entity: "Case")])
        let mapping = ProcessMiningExceptions.Mapping(domain: pack)
        XCTAssertEqual(mapping.exceptionTypes, [.skippedApproval: "SKIPPED_APPROVAL"])
        XCTAssertEqual(mapping.caseIDField, "caseNumber")
        XCTAssertNil(mapping.variantField)
        let mapped = ProcessMiningExceptions(options: .init(slaSeconds: 1, mapping: mapping)).exceptions(from: log, deviations: CaseDeviations(countsByCase: counts), fitness: fitness)
        XCTAssertEqual(mapped.count, 1)
        XCTAssertEqual(mapped[0][path: "payload.caseNumber"], "skipped")
        XCTAssertNil(mapped[0][path: "payload.caseId"])
        XCTAssertNil(mapped[0][path: "payload.variant"])

        // Renamed in code: the same finding raised under the host's own type name.
        var renamed = ProcessMiningExceptions.Mapping.processMiningPack
        renamed.exceptionTypes = [.unexpectedActivity: "OFF_PROCESS_STEP"]
        let offProcess = ProcessMiningExceptions(options: .init(slaSeconds: 1, mapping: renamed)).exceptions(from: log, deviations: CaseDeviations(countsByCase: counts), fitness: fitness)
        XCTAssertEqual(offProcess.compactMap { $0["exceptionType"]?.stringValue }, ["OFF_PROCESS_STEP"])
        XCTAssertEqual(offProcess[0]["exceptionId"], "off_process_step-extra")
    }
}
