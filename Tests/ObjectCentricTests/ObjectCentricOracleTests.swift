import EventLog
import Foundation
import ObjectCentric
import TracewiseTestSupport
import XCTest

/// Every OCEL file with a PM4Py reference under `../shared/reference/ocel/` (whatever files are there):
/// counts, activities, object types, OC-DFG per type, start/end activities and flattened variants must
/// equal what PM4Py 2.7 computed.
final class ObjectCentricOracleTests: XCTestCase {
    func testEveryReferenceFileEqualsPM4Py() throws {
        let referenceFolder = try SharedData.require("reference/ocel")
        let files = try FileManager.default.contentsOfDirectory(atPath: referenceFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no OCEL references found")
        for file in files {
            let reference = try SharedData.json("reference/ocel/\(file)")
            let name = try XCTUnwrap(reference["file"] as? String)
            let log = try ObjectCentricLog(contentsOf: try SharedData.require("datasets/ocel/\(name)"))
            try check(log, against: reference, name: name)
        }
    }

    private func check(_ log: ObjectCentricLog, against reference: [String: Any], name: String) throws {
        let stats = ObjectCentricStatistics(log)
        XCTAssertEqual(stats.events, reference["events"] as? Int, "\(name): events")
        XCTAssertEqual(stats.objects, reference["objects"] as? Int, "\(name): objects")
        XCTAssertEqual(stats.e2o, reference["e2o"] as? Int, "\(name): e2o")
        XCTAssertEqual(stats.o2o, reference["o2o"] as? Int, "\(name): o2o")
        XCTAssertEqual(stats.objectChanges, reference["object_changes"] as? Int, "\(name): object changes")
        XCTAssertEqual(stats.activities, reference["activities"] as? [String: Int], "\(name): activities")
        XCTAssertEqual(stats.objectTypes.filter { $0.value > 0 }, reference["object_types"] as? [String: Int], "\(name): object types")

        let dfg = ObjectCentricDFG(log)
        let expectedEdges = try XCTUnwrap(reference["ocdfg"] as? [String: [[Any]]])
        let expectedStarts = try XCTUnwrap(reference["start_activities"] as? [String: [String: Int]])
        let expectedEnds = try XCTUnwrap(reference["end_activities"] as? [String: [String: Int]])
        for graph in dfg.objectTypes where !(graph.edges.isEmpty && graph.startActivities.isEmpty) {
            let edges = Set(graph.edges.map { EdgeRow(dfg.activities[Int($0.from)], dfg.activities[Int($0.to)], $0.eventCouples, $0.uniqueObjects, $0.totalObjects) })
            let expected = Set((expectedEdges[graph.name] ?? []).map { row in
                EdgeRow(row[0] as! String, row[1] as! String, row[2] as! Int, row[3] as! Int, row[4] as! Int)
            })
            XCTAssertEqual(edges, expected, "\(name): OC-DFG of \(graph.name)")
            XCTAssertEqual(named(graph.startActivities, dfg.activities), expectedStarts[graph.name] ?? [:], "\(name): start activities of \(graph.name)")
            XCTAssertEqual(named(graph.endActivities, dfg.activities), expectedEnds[graph.name] ?? [:], "\(name): end activities of \(graph.name)")
        }
        XCTAssertEqual(Set(dfg.objectTypes.filter { !$0.edges.isEmpty }.map(\.name)), Set(expectedEdges.filter { !$0.value.isEmpty }.keys), "\(name): types with edges")
        XCTAssertEqual(Set(dfg.objectTypes.filter { !$0.startActivities.isEmpty }.map(\.name)), Set(expectedStarts.keys), "\(name): types with start activities")

        let expectedVariants = try XCTUnwrap(reference["flattened_variants"] as? [String: [[Any]]])
        for (type, rows) in expectedVariants {
            let variants = log.variants(objectType: type)
            XCTAssertEqual(variants.map(\.activities), rows.map { $0[0] as! [String] }, "\(name): variants of \(type)")
            XCTAssertEqual(variants.map(\.count), rows.map { $0[1] as! Int }, "\(name): variant counts of \(type)")
            let flat = try log.flattened(objectType: type)
            XCTAssertEqual(flat.caseCount, rows.reduce(0) { $0 + ($1[1] as! Int) }, "\(name): flattened cases of \(type)")
            let traces = flat.traces.map { trace in trace.activitySequence.map { flat.activityNames[Int($0)] } }
            XCTAssertEqual(Dictionary(traces.map { ($0, 1) }, uniquingKeysWith: +),
                           Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as! [String], $0[1] as! Int) }), "\(name): flattened traces of \(type)")
        }
    }

    private func named(_ counts: [Int32: Int], _ activities: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { (activities[Int($0.key)], $0.value) })
    }
}

private struct EdgeRow: Hashable, CustomStringConvertible {
    var from: String, to: String, couples: Int, unique: Int, total: Int
    init(_ from: String, _ to: String, _ couples: Int, _ unique: Int, _ total: Int) {
        (self.from, self.to, self.couples, self.unique, self.total) = (from, to, couples, unique, total)
    }
    var description: String { "\(from)→\(to) [\(couples),\(unique),\(total)]" }
}
