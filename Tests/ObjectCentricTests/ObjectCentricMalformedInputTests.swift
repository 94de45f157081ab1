import EventLog
import Foundation
import ObjectCentric
import TracewiseTestSupport
import XCTest

/// A corpus of broken OCEL files: each gives a typed ``ObjectCentricError`` (never a crash, never a
/// silently partial log), with its position; lenient mode reports what it skipped.
final class ObjectCentricMalformedInputTests: XCTestCase {
    private static let types = """
    "objectTypes":[{"name":"order","attributes":[{"name":"qty","type":"integer"}]}],
    "eventTypes":[{"name":"place","attributes":[{"name":"by","type":"string"}]}]
    """

    /// A small valid log with `objects` and `events` spliced in.
    private static func log(objects: String = #"{"id":"o1","type":"order"}"#,
                            events: String = #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z","relationships":[{"objectId":"o1","qualifier":"q"}]}"#) -> String {
        "{\(types),\n\"objects\":[\(objects)],\n\"events\":[\(events)]}"
    }

    private static let xmlHead = """
    <?xml version="1.0"?>
    <log><object-types><object-type name="order"><attributes/></object-type></object-types>
    <event-types><event-type name="place"><attributes/></event-type></event-types>
    """

    /// (name, content, expected code)
    private static let corpus: [(String, String, ObjectCentricError.Code)] = [
        ("empty.jsonocel", "", .emptyFile),
        ("blank.jsonocel", "  \n ", .emptyFile),
        ("array.jsonocel", "[]", .notOCEL),
        ("no-members.jsonocel", "{}", .notOCEL),
        ("not-json.jsonocel", "{\"objects\": [}", .malformedJSON),
        ("unterminated-string.jsonocel", "{\"objects\": [\"abc", .malformedJSON),
        ("trailing.jsonocel", log() + " x", .malformedJSON),
        ("deep.jsonocel", "{\"objects\":" + String(repeating: "[", count: 5000), .malformedJSON),
        ("unknown-event-type.jsonocel", log(events: #"{"id":"e1","type":"ship","time":"2024-01-01T00:00:00Z"}"#), .unknownEventType),
        ("unknown-object-type.jsonocel", log(objects: #"{"id":"o1","type":"invoice"}"#), .unknownObjectType),
        ("missing-object.jsonocel", log(events: #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z","relationships":[{"objectId":"o9","qualifier":"q"}]}"#), .missingObject),
        ("duplicate-event.jsonocel", log(events: #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z"},{"id":"e1","type":"place","time":"2024-01-02T00:00:00Z"}"#), .duplicateEventID),
        ("duplicate-object.jsonocel", log(objects: #"{"id":"o1","type":"order"},{"id":"o1","type":"order"}"#), .duplicateObjectID),
        ("bad-event-time.jsonocel", log(events: #"{"id":"e1","type":"place","time":"2024-13-01T00:00:00Z"}"#), .invalidTimestamp),
        ("bad-object-time.jsonocel", log(objects: #"{"id":"o1","type":"order","attributes":[{"name":"qty","time":"yesterday","value":1}]}"#), .invalidTimestamp),
        ("self-relation.jsonocel", log(objects: #"{"id":"o1","type":"order","relationships":[{"objectId":"o1","qualifier":"self"}]}"#), .selfRelation),
        ("o2o-missing.jsonocel", log(objects: #"{"id":"o1","type":"order","relationships":[{"objectId":"o7","qualifier":"x"}]}"#), .missingObject),
        ("bad-integer.jsonocel", log(objects: #"{"id":"o1","type":"order","attributes":[{"name":"qty","time":"1970-01-01T00:00:00Z","value":"many"}]}"#), .invalidAttributeValue),
        ("undeclared-attribute.jsonocel", log(events: #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z","attributes":[{"name":"colour","value":"red"}]}"#), .undeclaredAttribute),
        ("unknown-attribute-type.jsonocel", #"{"objectTypes":[{"name":"order","attributes":[{"name":"m","type":"matrix"}]}],"eventTypes":[],"objects":[],"events":[]}"#, .unknownAttributeType),
        ("duplicate-type.jsonocel", #"{"objectTypes":[{"name":"order","attributes":[]},{"name":"order","attributes":[]}],"eventTypes":[],"objects":[],"events":[]}"#, .duplicateType),
        ("event-without-time.jsonocel", log(events: #"{"id":"e1","type":"place"}"#), .missingField),
        ("id-not-string.jsonocel", log(objects: #"{"id":5,"type":"order"}"#), .notOCEL),
        ("v1-bad-time.jsonocel", #"{"ocel:events":{"e1":{"ocel:activity":"a","ocel:timestamp":"soon","ocel:omap":[]}},"ocel:objects":{}}"#, .invalidTimestamp),
        ("v1-missing-object.jsonocel", #"{"ocel:events":{"e1":{"ocel:activity":"a","ocel:timestamp":"2024-01-01","ocel:omap":["x"]}},"ocel:objects":{}}"#, .missingObject),
        ("malformed.xmlocel", xmlHead + "<objects><object id=\"o1\" type=\"order\"></objects></log>", .malformedXML),
        ("wrong-root.xmlocel", "<?xml version=\"1.0\"?><ocel/>", .notOCEL),
        ("unknown-type.xmlocel", xmlHead + "<objects/><events><event id=\"e1\" type=\"ship\" time=\"2024-01-01T00:00:00\"/></events></log>", .unknownEventType),
        ("missing-object.xmlocel", xmlHead + "<objects/><events><event id=\"e1\" type=\"place\" time=\"2024-01-01T00:00:00\"><objects><relationship object-id=\"o1\" qualifier=\"\"/></objects></event></events></log>", .missingObject),
        ("bad-time.xmlocel", xmlHead + "<objects/><events><event id=\"e1\" type=\"place\" time=\"noon\"/></events></log>", .invalidTimestamp),
        ("unknown-entity.xmlocel", xmlHead + "<objects><object id=\"o&nbsp;1\" type=\"order\"/></objects><events/></log>", .malformedXML),
        ("control-in-text.xmlocel", xmlHead + "<objects>\u{01}</objects><events/></log>", .malformedXML),
        ("text-after-root.xmlocel", xmlHead + "<objects/><events/></log>trailing", .malformedXML),
        ("not-a-database.sqlite", "SQLite format 3\u{0}" + String(repeating: "garbage ", count: 200), .sqliteError),
        ("unsupported.txt", "hello", .unsupportedFormat),
    ]

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-malformed-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testEveryCorpusFileGivesItsTypedError() throws {
        XCTAssertGreaterThanOrEqual(Self.corpus.count, 20)
        for (name, content, code) in Self.corpus {
            let url = scratch.appendingPathComponent(name)
            try Data(content.utf8).write(to: url)
            do {
                _ = try ObjectCentricLog(contentsOf: url)
                XCTFail("\(name): read without error")
            } catch let error as ObjectCentricError {
                XCTAssertEqual(error.code, code, "\(name): \(error.detailedDescription)")
                XCTAssertEqual(error.location.file, name, "\(name): the error names the file")
            } catch {
                XCTFail("\(name): untyped error \(error)")
            }
        }
    }

    func testErrorsCarryPositions() throws {
        let content = Self.log(events: #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z"},"# + "\n" +
                               #"{"id":"e2","type":"place","time":"2024-01-01T00:00:00Z","relationships":[{"objectId":"o1","qualifier":"q"},{"objectId":"o9","qualifier":"q"}]}"#)
        XCTAssertThrowsError(try ObjectCentricLog.read(Data(content.utf8), fileName: "p.jsonocel")) { error in
            let e = error as? ObjectCentricError
            XCTAssertEqual(e?.code, .missingObject)
            XCTAssertEqual(e?.location.path, "/events/1/relationships/1")
            XCTAssertEqual(e?.location.line, 5)
            XCTAssertEqual(e?.excerpt, "o9")
            XCTAssertFalse(e?.description.contains("o9") ?? true, "user data stays out of the description")
        }
        XCTAssertThrowsError(try ObjectCentricLog.read(Data("{\"objects\": [1,\n  2 3]}".utf8), fileName: "s.jsonocel")) { error in
            let e = error as? ObjectCentricError
            XCTAssertEqual(e?.code, .malformedJSON)
            XCTAssertEqual(e?.location.line, 2)
            XCTAssertEqual(e?.location.column, 5)
        }
    }

    func testLenientModeReportsWhatItSkipped() throws {
        let content = Self.log(objects: #"{"id":"o1","type":"order"},{"id":"o1","type":"order"},{"id":"o2","type":"invoice"}"#,
                               events: #"{"id":"e1","type":"place","time":"2024-01-01T00:00:00Z","relationships":[{"objectId":"o1","qualifier":"q"},{"objectId":"o9","qualifier":"q"}]},"# +
                               #"{"id":"e2","type":"place","time":"bad"},{"id":"e3","type":"ship","time":"2024-01-01T00:00:00Z"}"#)
        let result = try ObjectCentricLog.read(Data(content.utf8), fileName: "l.jsonocel", options: OCELImportOptions(lenient: true))
        XCTAssertEqual(result.log.eventCount, 1)
        XCTAssertEqual(result.log.objectCount, 1)
        XCTAssertEqual(result.log.e2oCount, 1)
        XCTAssertEqual(Set(result.issues.map(\.error.code)), [.duplicateObjectID, .unknownObjectType, .missingObject, .invalidTimestamp, .unknownEventType])
        XCTAssertEqual(result.issues.count, 5)
        let report = OCELValidationReport(result)
        XCTAssertFalse(report.isValid)
        XCTAssertEqual(report.findings.filter { $0.severity == .error }.count, 5)
    }

    /// Seeded truncations and byte flips of every shared OCEL file: a typed error or (for a flip that keeps
    /// the file valid) a log; a truncated JSON or XML file never reads as a shorter log.
    func testSeededTruncationsAndByteFlipsGiveTypedErrorsOnly() throws {
        let folder = try SharedData.require("datasets/ocel")
        var generator = SplitMix64(seed: 18)
        var attempts = 0
        let rounds = Int(ProcessInfo.processInfo.environment["TRACEWISE_OCEL_FUZZ_ROUNDS"] ?? "") ?? 12
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let original = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            let isText = !file.hasSuffix(".sqlite")
            for round in 0 ..< rounds {
                var bytes = original
                let truncating = round % 2 == 0
                if truncating {
                    bytes.removeLast(Int(generator.next() % UInt64(bytes.count - 1)) + 1)
                } else {
                    for _ in 0 ..< 1 + round / 4 {
                        let i = Int(generator.next() % UInt64(bytes.count))
                        bytes[i] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                    }
                }
                let url = scratch.appendingPathComponent("\(round)-\(file)")
                try Data(bytes).write(to: url)
                attempts += 1
                do {
                    _ = try ObjectCentricLog(contentsOf: url)
                    let onlyWhitespaceLost = isText && original[bytes.count...].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
                    if truncating, isText, !onlyWhitespaceLost { XCTFail("\(file) truncated to \(bytes.count) bytes read as a log") }
                } catch is ObjectCentricError {
                } catch {
                    XCTFail("\(file) round \(round): untyped error \(error)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(attempts, 60)
    }
}
