import EventLog
import Foundation
import ObjectCentric
import XCTest

/// OCEL XML read with the streaming scanner: values as element text (entities, CDATA, comments, CR LF),
/// logs larger than one read buffer, file and memory inputs alike, positioned errors.
final class ObjectCentricXMLTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-xml-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private static let types = """
    <object-types><object-type name="order"><attributes><attribute name="note" type="string"/><attribute name="qty" type="integer"/></attributes></object-type></object-types>
    <event-types><event-type name="place"><attributes><attribute name="amount" type="float"/></attributes></event-type></event-types>
    """

    func testElementTextIsDecodedLikeAnyXMLParserWould() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<log>\r\n" + Self.types + "\r\n<objects><object id=\"o&amp;1\" type=\"order\"><attributes>"
            + "<attribute name=\"note\" time=\"2024-01-01T00:00:00Z\"><![CDATA[a < b & c]]> and &#233;<!-- dropped -->!\r\nnext</attribute>"
            + "<attribute name=\"qty\" time=\"2024-01-02T00:00:00Z\">7</attribute><attribute name=\"note\" time=\"2024-01-03T00:00:00Z\"/>"
            + "</attributes></object></objects>\r\n<events><event id=\"e1\" type=\"place\" time=\"2024-01-01T00:00:00Z\"><attributes>"
            + "<attribute name=\"amount\">1.5</attribute></attributes><objects><relationship object-id=\"o&amp;1\" qualifier=\"&lt;q&gt;\"/></objects></event></events></log>\r\n"
        let log = try ObjectCentricLog.read(Data(xml.utf8), fileName: "text.xmlocel").log
        XCTAssertEqual(log.objectIDs, ["o&1"])
        XCTAssertEqual(log.value(of: 0, attribute: 0, at: 1_704_067_200_000_000), .string("a < b & c and é!\nnext"))
        XCTAssertEqual(log.value(of: 0, attribute: 0), .string(""), "an empty element is the empty string")
        XCTAssertEqual(log.value(of: 0, attribute: 1), .integer(7))
        XCTAssertEqual(log.eventAttributeValues, [.float(1.5)])
        XCTAssertEqual(log.qualifiers[Int(log.objectQualifiers(of: 0).first!)], "<q>")
    }

    /// A log several read buffers long, with values that need escaping everywhere, written as XML and read
    /// back from the file (streamed) and from memory: both equal the original.
    func testLargeLogWithAwkwardValuesRoundTrips() throws {
        var objects: [String] = []
        var events: [String] = []
        for o in 0 ..< 600 {
            objects.append(#"{"id":"o\#(o) <&>","type":"order","attributes":[{"name":"note","time":"2024-01-01T00:00:00Z","value":"n\#(o) \"q\" 'a' & <b> é ✓ 𝄞\nline\ttab"},{"name":"qty","time":"2024-01-0\#(1 + o % 9)T00:00:00Z","value":\#(o)}],"relationships":[{"objectId":"o\#((o + 1) % 600) <&>","qualifier":"next & <more>"}]}"#)
        }
        for e in 0 ..< 4_000 {
            events.append(#"{"id":"e\#(e)","type":"place","time":"2024-02-01T00:00:\#(String(format: "%02d", e % 60)).\#(e % 1000)Z","attributes":[{"name":"amount","value":\#(Double(e) / 8)}],"relationships":[{"objectId":"o\#(e % 600) <&>","qualifier":"\#(e % 3 == 0 ? "" : "q&\(e % 5)")"},{"objectId":"o\#((e * 7) % 600) <&>","qualifier":"x"}]}"#)
        }
        let json = """
        {"objectTypes":[{"name":"order","attributes":[{"name":"note","type":"string"},{"name":"qty","type":"integer"}]}],
         "eventTypes":[{"name":"place","attributes":[{"name":"amount","type":"float"}]}],
         "objects":[\(objects.joined(separator: ","))],"events":[\(events.joined(separator: ","))]}
        """
        let original = try ObjectCentricLog.read(Data(json.utf8), fileName: "big.jsonocel").log
        let url = scratch.appendingPathComponent("big.xmlocel")
        try original.write(to: url)
        XCTAssertGreaterThan(try Data(contentsOf: url).count, 1 << 20, "the file spans several read buffers")
        XCTAssertEqual(try ObjectCentricLog(contentsOf: url), original, "streamed from the file")
        XCTAssertEqual(try ObjectCentricLog.read(Data(contentsOf: url), fileName: "big.xmlocel").log, original, "from memory")
    }

    func testXMLErrorsCarryLinesColumnsAndPaths() throws {
        let xml = "<?xml version=\"1.0\"?>\n<log>" + Self.types + "\n<objects/><events>\n"
            + "<event id=\"e1\" type=\"place\" time=\"2024-01-01T00:00:00Z\"><objects/></event>\n"
            + "  <event id=\"e2\" type=\"place\" time=\"2024-01-01T00:00:00Z\"><objects><relationship object-id=\"o9\" qualifier=\"\"/></objects></event>\n"
            + "</events></log>"
        let url = scratch.appendingPathComponent("missing.xmlocel")
        try Data(xml.utf8).write(to: url)
        XCTAssertThrowsError(try ObjectCentricLog(contentsOf: url)) { error in
            let e = error as? ObjectCentricError
            XCTAssertEqual(e?.code, .missingObject)
            XCTAssertEqual(e?.location.file, "missing.xmlocel")
            XCTAssertEqual(e?.location.line, 6)
            XCTAssertEqual(e?.location.column, 3)
            XCTAssertEqual(e?.location.path, "/log/events/event[2]/objects/*[1]")
            XCTAssertEqual(e?.excerpt, "o9")
        }
        let badValue = xml.replacingOccurrences(of: "<objects/></event>", with: "<attributes><attribute name=\"amount\">lots</attribute></attributes><objects/></event>")
        XCTAssertThrowsError(try ObjectCentricLog.read(Data(badValue.utf8), fileName: "v.xmlocel")) { error in
            let e = error as? ObjectCentricError
            XCTAssertEqual(e?.code, .invalidAttributeValue)
            XCTAssertEqual(e?.location.line, 5)
            XCTAssertEqual(e?.location.path, "/log/events/event/attributes/attribute")
            XCTAssertEqual(e?.excerpt, "lots")
        }
        var bytes = Array(xml.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "9"))!] = 0xFF
        XCTAssertThrowsError(try ObjectCentricLog.read(Data(bytes), fileName: "u.xmlocel")) { error in
            let e = error as? ObjectCentricError
            XCTAssertEqual(e?.code, .malformedXML)
            XCTAssertEqual(e?.location.line, 6)
        }
    }
}
