import Discovery
import TracewiseTestSupport
import XCTest

/// IM on the variant lists of `reference/*/summary.json` (no XES import needed) against PM4Py's trees.
final class VariantOracleTests: XCTestCase {
    static func variantLog(reference: String) throws -> VariantLog {
        let summary = try SharedData.json("reference/\(reference)/summary.json")
        let variants = try XCTUnwrap(summary["variants"] as? [[Any]])
        let traces = try variants.map { try XCTUnwrap($0[0] as? [String]) }
        let names = Array(Set(traces.flatMap { $0 })).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let code = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        var log = VariantLog(activityNames: names)
        for (variant, trace) in zip(variants, traces) {
            log.add(trace.map { code[$0]! }, count: try XCTUnwrap(variant[1] as? Int))
        }
        return log
    }

    func testExactMinerMatchesPM4PyOnEveryReferenceLog() throws {
        var mismatches: [String] = []
        for (_, reference) in SharedData.referenceLogs {
            let log = try Self.variantLog(reference: reference)
            let expected = try String(contentsOf: try SharedData.require("reference/\(reference)/im.tree.txt"), encoding: .utf8)
            let clock = ContinuousClock.now
            let tree = InductiveMiner().discover(from: log)
            print("TIMING", reference, ContinuousClock.now - clock)
            let reference = try ProcessTree(pm4pyText: expected)
            if tree.canonical != reference.canonical {
                mismatches.append("\(reference):\n ours: \(tree)\n pm4py: \(expected)")
            }
        }
        XCTAssertEqual(mismatches, [])
    }
}
