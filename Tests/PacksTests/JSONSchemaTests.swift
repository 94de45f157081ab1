import Foundation
import Packs
import XCTest

final class JSONSchemaTests: XCTestCase {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/schemas")

    func testCheckedInSchemasAreCurrent() throws {
        for (kind, file) in [(PackKind.domain, "domain-pack.schema.json"), (.tenantPolicy, "tenant-policy-pack.schema.json")] {
            let checkedIn = try String(contentsOf: Self.schemas.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(checkedIn, try JSONSchemaExporter.text(for: kind), "\(file) is stale: regenerate with `tracewise packs schema`")
        }
    }

    func testSchemaForbidsUnknownKeysAndListsRequiredOnes() {
        let schema = JSONSchemaExporter.schema(for: .domain)
        XCTAssertEqual(schema["additionalProperties"], false)
        XCTAssertEqual(schema["required"], ["domainName", "version", "exceptionTypes"])
        XCTAssertEqual(schema["$defs"]?["ValueSpec"]?["properties"]?["items"]?["$ref"], "#/$defs/ValueSpec")
        let tools = schema["properties"]?["tools"]?["items"]
        XCTAssertEqual(tools?["properties"]?["transport"]?["oneOf"]?.arrayValue?.count, 2)
    }
}
