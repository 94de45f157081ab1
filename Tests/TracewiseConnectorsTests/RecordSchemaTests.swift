import TracewiseConnectors
import XCTest

final class RecordSchemaTests: XCTestCase {
    private func record(_ json: String) throws -> JSONValue { try JSONValue(data: Data(json.utf8)) }

    func testDriftNamesAddedRemovedAndRetypedFields() throws {
        var old = RecordSchema()
        old.observe(try record(#"{"key":"A-1","fields":{"status":{"name":"Done"},"points":3,"labels":["x"]}}"#))
        var new = RecordSchema()
        new.observe(try record(#"{"key":"A-2","fields":{"status":{"name":"Open"},"points":"3","team":"ops"}}"#))
        let drift = new.drift(from: old)
        XCTAssertEqual(drift.added, ["/fields/team"])
        XCTAssertEqual(drift.removed, ["/fields/labels", "/fields/labels/*"])
        XCTAssertEqual(drift.retyped, [.init(path: "/fields/points", from: ["number"], to: ["string"])])
        XCTAssertNotEqual(old.fingerprint, new.fingerprint)
    }

    func testNullsAndOrderDoNotChangeTheFingerprint() throws {
        var a = RecordSchema()
        a.observe(try record(#"{"a":1,"b":"x"}"#))
        var b = RecordSchema()
        b.observe(try record(#"{"b":"y","a":2}"#))
        b.observe(try record(#"{"b":null,"a":3}"#))
        XCTAssertEqual(a.fingerprint, b.fingerprint)
        XCTAssertTrue(b.drift(from: a).isEmpty)
        XCTAssertTrue(a.fingerprint.hasPrefix("sha256:"))
    }
}
