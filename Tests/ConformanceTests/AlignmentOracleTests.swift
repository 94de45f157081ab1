import Conformance
import Discovery
import Foundation
import TracewiseTestSupport
import XCTest

/// Optimal alignment costs against PM4Py's `align_imf.json` for every reference log.
final class AlignmentOracleTests: XCTestCase {
    func testRunningExample() async throws { try await check("running-example") }
    func testTeleclaims() async throws { try await check("02_teleclaims") }
    func testRepairExample() async throws { try await check("03_repairExample") }
    func testBPIC2013Closed() async throws { try await check("06_bpic2013_closed") }
    func testReceipt() async throws { try await check("08_receipt") }
    func testRoadTraffic() async throws { try await check("12_roadtraffic_1t_per_variant") }
    func testSepsis() async throws { try await check("13_SEPSIS_1t_per_variant") }
    func testBilling() async throws { try await check("14_Billing_1t_per_variant") }
    func testBPIC2012() async throws { try await check("bpic2012") }

    private func check(_ reference: String) async throws {
        let oracle = try SharedData.json("reference/\(reference)/align_imf.json")
        let perVariant = try XCTUnwrap(oracle["per_variant"] as? [[String: Any]])
        let net = try OracleFixtures.net(reference)
        var log = try OracleFixtures.log(reference)
        if oracle["complete"] as? Bool == false {
            // The file covers only the most frequent variants: align exactly those (null costs included).
            let listed = Set(try perVariant.map { try XCTUnwrap($0["variant"] as? [String]) })
            let names = log.activityNames
            log = log.selectingCases((0..<log.caseCount).filter { c in
                listed.contains(log[c].activitySequence.map { names[Int($0)] })
            })
        }
        let started = ContinuousClock.now
        let result = try await Alignments().align(log, on: net)
        let elapsed = ContinuousClock.now - started
        var byActivities: [[String]: VariantAlignment] = [:]
        for variant in result.variants { byActivities[variant.activities] = variant }
        var compared = 0, unknownToPM4Py = 0
        for expected in perVariant {
            let activities = try XCTUnwrap(expected["variant"] as? [String])
            let ours = try XCTUnwrap(byActivities[activities], "\(reference): variant missing")
            XCTAssertEqual(ours.status, .optimal, "\(reference) \(activities)")
            guard let alignment = ours.alignment else { continue }
            XCTAssertEqual(alignment.moves.reduce(0) { $0 + $1.cost }, alignment.cost)
            if let cost = expected["cost"] as? Int {
                XCTAssertEqual(alignment.cost, cost, "\(reference) \(activities)")
                if let fitness = expected["fitness"] as? Double {
                    XCTAssertEqual(alignment.fitness, fitness, accuracy: 1e-9, "\(reference) \(activities)")
                }
                compared += 1
            } else {
                unknownToPM4Py += 1
            }
        }
        XCTAssertTrue(result.unfinishedVariants.isEmpty, "\(reference): every variant must finish")
        if let figures = oracle["log_fitness"] as? [String: Any] {
            XCTAssertEqual(result.logFitness, try XCTUnwrap(figures["log_fitness"] as? Double), accuracy: 1e-9, reference)
            XCTAssertEqual(result.averageTraceFitness, try XCTUnwrap(figures["average_trace_fitness"] as? Double),
                           accuracy: 1e-9, reference)
            XCTAssertEqual(result.percentFittingTraces,
                           try XCTUnwrap(figures["percentage_of_fitting_traces"] as? Double), accuracy: 1e-9, reference)
        }
        print("\(reference): \(compared) variant costs equal PM4Py's, \(unknownToPM4Py) variants PM4Py did not finish, \(result.variants.count) aligned in \(elapsed)")
    }
}
