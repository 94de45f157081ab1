import Foundation
import ObjectCentric
import TracewiseTestSupport
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Filters return new logs with provenance and consistent relations; statistics and the SVG rendering.
final class ObjectCentricFilterAndRenderingTests: XCTestCase {
    private func sample() throws -> ObjectCentricLog {
        try ObjectCentricLog(contentsOf: try SharedData.require("datasets/ocel/ocel20_example.jsonocel"))
    }

    /// Every relation of a filtered log points inside it, and the CSR indexes agree with each other.
    private func assertConsistent(_ log: ObjectCentricLog, file: StaticString = #filePath, line: UInt = #line) {
        for e in 0 ..< log.eventCount {
            for o in log.objects(of: e) {
                XCTAssertTrue(log.events(of: Int(o)).contains(Int32(e)), "E2O and its reverse index disagree", file: file, line: line)
            }
        }
        for o in 0 ..< log.objectCount {
            for t in log.relatedObjects(of: o) { XCTAssertLessThan(Int(t), log.objectCount, file: file, line: line) }
            let times = log.events(of: o).map { log.eventTimes[Int($0)] }
            XCTAssertEqual(times, times.sorted(), "an object's events are in time order", file: file, line: line)
        }
    }

    func testEventTypeFilter() throws {
        let log = try sample()
        let filtered = log.filtered(eventTypes: ["Insert Invoice", "Insert Payment"])
        XCTAssertEqual(filtered.eventCount, 6)
        XCTAssertEqual(Set(filtered.eventTypeCodes.map { filtered.eventTypes[Int($0)].name }), ["Insert Invoice", "Insert Payment"])
        XCTAssertEqual(Set(filtered.objectIDs), ["PO1", "R1", "R2", "R3", "P1", "P2", "P3"])
        XCTAssertEqual(filtered.provenance.count, log.provenance.count + 1)
        XCTAssertTrue(filtered.provenance.last!.contains("13 → 6 events"))
        assertConsistent(filtered)
        XCTAssertEqual(log.eventCount, 13, "the original is unchanged")
    }

    func testObjectTypeTimeAndAttributeFilters() throws {
        let log = try sample()
        let invoices = log.filtered(objectTypes: ["Invoice"])
        XCTAssertEqual(invoices.objectCount, 3)
        XCTAssertEqual(invoices.o2oCount, 0, "O2O relations to removed objects are dropped")
        XCTAssertEqual(ObjectCentricDFG(invoices).graph(for: "Invoice"), ObjectCentricDFG(log).graph(for: "Invoice"),
                       "keeping one type keeps its graph")
        assertConsistent(invoices)
        let january = log.filtered(timeFrom: 1_640_995_200_000_000, to: 1_643_673_600_000_000)
        XCTAssertEqual(january.eventCount, 8)
        XCTAssertTrue(january.eventTimes.allSatisfy { $0 < 1_643_673_600_000_000 })
        assertConsistent(january)
        let blocked = log.filtered(objectAttribute: "is_blocked", values: [.string("Yes")])
        XCTAssertEqual(blocked.objectIDs, ["R3"])
        XCTAssertEqual(blocked.eventCount, 5)
        assertConsistent(blocked)
    }

    func testConnectedComponent() throws {
        let log = try sample()
        let component = try log.connectedComponent(of: ["P3"])
        XCTAssertEqual(Set(component.objectIDs), ["P3", "R3", "PO2"])
        assertConsistent(component)
        let whole = try log.connectedComponent(of: ["PR1"])
        XCTAssertEqual(Set(whole.objectIDs), ["PR1", "PO1", "R1", "R2", "P1", "P2"])
        XCTAssertThrowsError(try log.connectedComponent(of: ["nope"])) { XCTAssertEqual(($0 as? ObjectCentricError)?.code, .invalidArgument) }
    }

    func testStatistics() throws {
        let stats = ObjectCentricStatistics(try sample())
        XCTAssertEqual(stats.objectsPerEvent, [1: 6, 2: 7])
        XCTAssertEqual(stats.eventsPerObject.values.reduce(0, +), 9)
        XCTAssertEqual(stats.typeInteractions[.init("Invoice", "Payment")], 3)
        XCTAssertEqual(stats.typeInteractions[.init("Purchase Order", "Invoice")], 3)
        XCTAssertEqual(stats.divergence["Insert Invoice"]?["Purchase Order"], 1, "PO1 has two Insert Invoice events")
        XCTAssertNil(stats.convergence["Insert Invoice"], "no event relates two objects of one type")
        let example = ObjectCentricStatistics(try ObjectCentricLog(contentsOf: try SharedData.require("datasets/ocel/example_log.jsonocel")))
        XCTAssertEqual(example.convergence["Create Order"]?["element"], 3, "each Create Order event relates several items")
    }

    func testPerformanceDFGAndSVG() throws {
        let log = try sample()
        let dfg = ObjectCentricDFG(log, performance: true)
        let invoice = try XCTUnwrap(dfg.graph(for: "Invoice"))
        let edge = try XCTUnwrap(invoice.edges.first { dfg.activities[Int($0.from)] == "Insert Invoice" && dfg.activities[Int($0.to)] == "Insert Payment" })
        XCTAssertEqual(edge.coupleDurations.count, edge.eventCouples)
        XCTAssertEqual(edge.coupleDurations, [(16 * 86_400 + 11 * 3600), (15 * 86_400 + 11 * 3600)].map(Double.init).sorted())
        let svg = dfg.svg()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        for type in log.objectTypes { XCTAssertTrue(svg.contains(">\(type.name)</text>"), type.name) }
        XCTAssertEqual(Set(log.objectTypes.indices.map { ObjectCentricDFG.typePalette[$0] }).count, log.objectTypes.count, "one colour per type")
        XCTAssertNoThrow(try XMLDocument(xmlString: svg))
    }
}
