import Conformance
import Discovery
import TracewiseTestSupport
import XCTest

/// Token-based replay against PM4Py's `tbr_fitness_im` / `tbr_fitness_imf` in every `summary.json`.
final class TokenReplayOracleTests: XCTestCase {
    /// Oracle values PM4Py itself does not reproduce from run to run: on Billing's IMf net, equal-length
    /// silent paths through a 7-way parallel split are ordered by Python object addresses, so repeated
    /// PM4Py runs give different token counts for one variant (see docs/decisions/0001-…). There we
    /// require agreement to 1e-4 (one variant's counts) instead of 1e-9.
    private let nondeterministicInPM4Py: Set<String> = ["14_Billing_1t_per_variant imf.pnml"]

    func testReplayFitnessMatchesPM4PyOnEveryReferenceLog() throws {
        var checked = 0
        for reference in OracleFixtures.references {
            let summary = try SharedData.json("reference/\(reference)/summary.json")
            let log = try OracleFixtures.log(reference)
            for (file, key) in [("imf.pnml", "tbr_fitness_imf"), ("im.pnml", "tbr_fitness_im")] {
                let expected = try XCTUnwrap(summary[key] as? [String: Any], "\(reference) \(key)")
                let result = try TokenReplay().replay(log, on: OracleFixtures.net(reference, file))
                let context = "\(reference) \(file)"
                let tolerance = nondeterministicInPM4Py.contains(context) ? 1e-4 : 1e-9
                XCTAssertEqual(result.logFitness, try XCTUnwrap(expected["log_fitness"] as? Double),
                               accuracy: tolerance, context)
                XCTAssertEqual(result.averageTraceFitness, try XCTUnwrap(expected["average_trace_fitness"] as? Double),
                               accuracy: tolerance, context)
                XCTAssertEqual(result.percentFittingTraces, try XCTUnwrap(expected["percentage_of_fitting_traces"] as? Double),
                               accuracy: 1e-9, context)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 2 * OracleFixtures.references.count)
    }
}
