import Discovery
import EventLog
import TracewiseTestSupport
import XCTest

/// IM and IMf on every shared XES log against PM4Py's trees, and IM's perfect fitness checked by
/// replaying the discovered tree.
final class InductiveMinerOracleTests: XCTestCase {
    func testTreesEqualPM4PyAndEveryTraceFitsTheExactTree() throws {
        for (file, reference) in SharedData.referenceLogs {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            let variants = VariantLog(log)
            for (miner, name) in [(InductiveMiner(), "im"), (InductiveMiner(noise: 0.2), "imf")] {
                let url = try SharedData.require("reference/\(reference)/\(name).tree.txt")
                let expected = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                let tree = miner.discover(from: variants)
                XCTAssertEqual(tree.canonical, try ProcessTree(pm4pyText: expected).canonical, "\(reference) \(name)")
                XCTAssertEqual(tree.pm4pyText, expected, "\(reference) \(name): same tree, printed differently")
                if name == "im" {
                    let language = ProcessTreeLanguage(tree)
                    let unfit = variants.traces.filter { !language.accepts($0.map { variants.activityNames[Int($0)] }) }
                    XCTAssertEqual(unfit.count, 0, "\(reference): \(unfit.count) of \(variants.variantCount) variants do not fit IM's tree")
                }
            }
        }
    }
}
