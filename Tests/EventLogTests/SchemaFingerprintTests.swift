import EventLog
import Foundation
import XCTest

final class SchemaFingerprintTests: XCTestCase {
    private func log(region: AttributeValue? = .string("N"), cost: AttributeValue = .int(3),
                     costOnTrace: Bool = false, classifiers: [Classifier] = [.conceptName]) -> EventLog {
        var builder = EventLogBuilder()
        builder.header.classifiers = classifiers
        var traceAttributes = [Attribute(key: "concept:name", value: .string("c1"))]
        if let region { traceAttributes.append(Attribute(key: "region", value: region)) }
        if costOnTrace { traceAttributes.append(Attribute(key: "cost", value: cost)) }
        builder.startTrace(attributes: traceAttributes)
        builder.addEvent(activity: "a", timestamp: Timestamp(microseconds: 0),
                         attributes: costOnTrace ? [] : [Attribute(key: "cost", value: cost)])
        return builder.build()
    }

    func testFingerprintIsStableAcrossRunsAndPlatforms() {
        let fingerprint = SchemaFingerprint(log())
        XCTAssertEqual(fingerprint.schema.canonicalText,
                       "trace\tconcept:name\tstring\ntrace\tregion\tstring\nevent\tconcept:name\tstring\nevent\tcost\tint\nevent\ttime:timestamp\tdate\nclassifier\tActivity\tconcept:name\n")
        // Python: hashlib.sha256(canonical_text.encode()).hexdigest()
        XCTAssertEqual(fingerprint.value, "sha256:1ed7fd95464ea2ff5b9a2f3d51b9c0d8441e6ea20cab02b5a921ab2e1b102679")
        XCTAssertEqual(SchemaFingerprint(log(region: .string("S"))), fingerprint, "values do not matter")
        XCTAssertNotEqual(SchemaFingerprint(log(cost: .float(1))), fingerprint)
        XCTAssertNotEqual(SchemaFingerprint(log(classifiers: [])), fingerprint)
    }

    func testDriftReportsAddedRemovedRetypedAndLevelChanges() {
        let base = SchemaFingerprint(log())
        XCTAssertTrue(base.drift(to: base).isEmpty)
        let retyped = base.drift(to: SchemaFingerprint(log(cost: .string("3"))))
        XCTAssertEqual(retyped.retyped, [SchemaDrift.Retyped(key: "cost", level: .event, oldType: "int", newType: "string")])
        XCTAssertTrue(retyped.added.isEmpty && retyped.removed.isEmpty)
        let removed = base.drift(to: SchemaFingerprint(log(region: nil)))
        XCTAssertEqual(removed.removed, [LogSchema.Field(key: "region", type: "string", level: .trace)])
        let added = SchemaFingerprint(log(region: nil)).drift(to: base)
        XCTAssertEqual(added.added, [LogSchema.Field(key: "region", type: "string", level: .trace)])
        let moved = base.drift(to: SchemaFingerprint(log(costOnTrace: true)))
        XCTAssertEqual(moved.levelChanged, [SchemaDrift.LevelChanged(key: "cost", oldLevel: .event, newLevel: .trace, oldType: "int", newType: "int")])
        XCTAssertTrue(moved.added.isEmpty && moved.removed.isEmpty)
        XCTAssertTrue(base.drift(to: SchemaFingerprint(log(classifiers: []))).classifiersChanged)
    }

    func testFingerprintIsCodable() throws {
        let fingerprint = SchemaFingerprint(log())
        let decoded = try JSONDecoder().decode(SchemaFingerprint.self, from: JSONEncoder().encode(fingerprint))
        XCTAssertEqual(decoded, fingerprint)
        XCTAssertEqual(decoded.schema, fingerprint.schema)
        let drift = fingerprint.drift(to: SchemaFingerprint(log(cost: .float(2))))
        XCTAssertEqual(try JSONDecoder().decode(SchemaDrift.self, from: JSONEncoder().encode(drift)), drift)
    }

    func testGeneratedLogSchemaFromCSVRoundTripIsUnchanged() throws {
        let generated = SyntheticLog.generate(events: 500, seed: 1)
        let back = try CSVReader().read(bytes: CSVWriter().bytes(generated)).log
        XCTAssertEqual(SchemaFingerprint(back), SchemaFingerprint(generated))
    }
}
