import Discovery
import TracewiseTestSupport
import XCTest

/// IM and IMf on the variant lists of `reference/*/summary.json` (no XES import needed) against PM4Py's
/// trees: the text must be identical, not only the canonical form.
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

    func testInductiveMinersReproducePM4PyTreesFromTheReferenceVariants() throws {
        var mismatches: [String] = []
        for (_, reference) in SharedData.referenceLogs {
            let log = try Self.variantLog(reference: reference)
            for (miner, file) in [(InductiveMiner(), "im"), (InductiveMiner(noise: 0.2), "imf")] {
                let url = try SharedData.require("reference/\(reference)/\(file).tree.txt")
                let expected = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                let tree = miner.discover(from: log)
                XCTAssertEqual(tree.canonical, try ProcessTree(pm4pyText: expected).canonical, "\(reference) \(file)")
                if tree.pm4pyText != expected { mismatches.append("\(reference) \(file)") }
            }
        }
        XCTAssertEqual(mismatches, [], "trees equal after canonicalisation but printed differently")
    }
}
