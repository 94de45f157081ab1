import Foundation
import XCTest

/// Locates `../shared` (the read-only datasets and PM4Py/shap oracles) beside the package root.
///
/// Tests call ``require(_:)``; when `../shared` is absent the test is skipped with a visible message,
/// never silently passed.
public enum SharedData {
    /// The package root, derived from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, or nil when it is not there.
    public static var root: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The URL of `relativePath` under `../shared`, or an `XCTSkip` saying the shared data is absent.
    public static func require(_ relativePath: String) throws -> URL {
        guard let root else {
            print("SKIPPED: ../shared is absent; oracle test for \(relativePath) not run")
            throw XCTSkip("../shared is absent: oracle test for \(relativePath) skipped")
        }
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/\(relativePath) is absent: skipped")
        }
        return url
    }

    /// The shared XES logs that have a reference folder: (log file name, reference folder name).
    public static let referenceLogs: [(file: String, reference: String)] = [
        ("running-example.xes", "running-example"),
        ("02_teleclaims.xes.gz", "02_teleclaims"),
        ("03_repairExample.xes.gz", "03_repairExample"),
        ("06_bpic2013_closed.xes.gz", "06_bpic2013_closed"),
        ("08_receipt.xes.gz", "08_receipt"),
        ("12_roadtraffic_1t_per_variant.xes.gz", "12_roadtraffic_1t_per_variant"),
        ("13_SEPSIS_1t_per_variant.xes.gz", "13_SEPSIS_1t_per_variant"),
        ("14_Billing_1t_per_variant.xes.gz", "14_Billing_1t_per_variant"),
        ("bpic2012.xes.gz", "bpic2012"),
    ]

    /// Decodes a JSON reference file as a loosely typed dictionary.
    public static func json(_ relativePath: String) throws -> [String: Any] {
        let data = try Data(contentsOf: try require(relativePath))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
