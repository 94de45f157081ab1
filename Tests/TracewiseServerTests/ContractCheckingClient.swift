import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import TracewiseTestSupport
import XCTest

/// A test client that checks every response of the API against `Web/openapi.json` (documented status, media
/// type, and the JSON body against the documented schema) and fails the test on any disagreement. It records
/// which documented operations and statuses it saw, so a test can prove every success response was checked.
struct ContractCheckingClient: TestClientProtocol {
    /// The service's OpenAPI document, read once.
    static let document: OpenAPIDocument = {
        do {
            return try OpenAPIDocument(contentsOf: SharedData.packageRoot.appendingPathComponent("Web/openapi.json"))
        } catch {
            fatalError("Web/openapi.json is unreadable: \(error)")
        }
    }()

    /// The operations a client checked, as `METHOD TEMPLATE STATUS`.
    final class Seen: Sendable {
        private let checked = Mutex<Set<String>>([])

        func insert(_ operation: String) { checked.withLock { _ = $0.insert(operation) } }
        var operations: Set<String> { checked.withLock { $0 } }
    }

    let base: any TestClientProtocol
    let seen: Seen

    var port: Int? { base.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        let bytes = Array(response.body.readableBytesView)
        if let problems = Self.document.check(method: method.rawValue, path: path, status: Int(response.status.code),
                                              contentType: response.headers[.contentType], body: bytes) {
            for problem in problems { XCTFail("OpenAPI contract: \(problem)") }
            if let template = Self.document.template(for: method.rawValue, path: path) {
                seen.insert("\(method.rawValue) \(template) \(response.status.code)")
            }
        }
        return response
    }
}
