import Foundation
import TracewiseTestSupport
import XCTest

/// The OpenAPI 3.1 document in the repository lists exactly the routes the router serves.
final class OpenAPIDocumentTests: XCTestCase {
    func testDocumentMatchesRouter() async throws {
        let harness = try await ServerHarness()
        let url = SharedData.packageRoot.appendingPathComponent("Web/openapi.json")
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        let methods: Set = ["get", "post", "put", "patch", "delete"]
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item where methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
                let responses = try XCTUnwrap((operation as? [String: Any])?["responses"] as? [String: Any], "\(method) \(path)")
                XCTAssertFalse(responses.isEmpty, "\(method) \(path) documents no response")
            }
        }
        let served = Set(harness.routes.map { "\($0.method) \($0.path)" })
        XCTAssertEqual(served.subtracting(documented).sorted(), [], "routes missing from Web/openapi.json")
        XCTAssertEqual(documented.subtracting(served).sorted(), [], "documented routes the router does not serve")
    }
}
