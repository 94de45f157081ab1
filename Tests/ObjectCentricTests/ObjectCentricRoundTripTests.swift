import Foundation
import ObjectCentric
import TracewiseTestSupport
import XCTest

/// Loss-free round trips between the three OCEL 2.0 formats, from every shared OCEL file.
final class ObjectCentricRoundTripTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ocel-roundtrip-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testJSONToSQLiteToXMLToJSONIsIdentical() throws {
        let folder = try SharedData.require("datasets/ocel")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let original = try ObjectCentricLog(contentsOf: folder.appendingPathComponent(file))
            let json1 = scratch.appendingPathComponent("\(file).1.jsonocel")
            try original.write(to: json1)
            let fromJSON = try ObjectCentricLog(contentsOf: json1)
            XCTAssertEqual(fromJSON, original, "\(file): JSON")
            let sqlite = scratch.appendingPathComponent("\(file).sqlite")
            try fromJSON.write(to: sqlite)
            let fromSQLite = try ObjectCentricLog(contentsOf: sqlite)
            XCTAssertEqual(fromSQLite, original, "\(file): JSON → SQLite")
            let xml = scratch.appendingPathComponent("\(file).xmlocel")
            try fromSQLite.write(to: xml)
            let fromXML = try ObjectCentricLog(contentsOf: xml)
            XCTAssertEqual(fromXML, original, "\(file): JSON → SQLite → XML")
            let json2 = scratch.appendingPathComponent("\(file).2.jsonocel")
            try fromXML.write(to: json2)
            XCTAssertEqual(try Data(contentsOf: json2), try Data(contentsOf: json1), "\(file): JSON → SQLite → XML → JSON bytes")
            XCTAssertEqual(ObjectCentricDFG(fromXML), ObjectCentricDFG(original), "\(file): OC-DFG after the round trip")
        }
    }

    func testTypedValuesAndAwkwardTextSurviveEveryFormat() throws {
        let text = """
        {"objectTypes":[{"name":"order / \\"main\\"","attributes":[{"name":"price","type":"float"},{"name":"qty","type":"integer"},
          {"name":"rush","type":"boolean"},{"name":"due","type":"time"},{"name":"note","type":"string"}]}],
         "eventTypes":[{"name":"place <&>","attributes":[{"name":"amount","type":"float"},{"name":"by","type":"string"}]}],
         "objects":[{"id":"o1","type":"order / \\"main\\"","attributes":[
            {"name":"price","time":"1970-01-01T00:00:00Z","value":1.25},{"name":"qty","time":"1970-01-01T00:00:00Z","value":3},
            {"name":"rush","time":"1970-01-01T00:00:00Z","value":true},{"name":"due","time":"1970-01-01T00:00:00Z","value":"2024-05-01T10:00:00.123456Z"},
            {"name":"note","time":"1970-01-01T00:00:00Z","value":"line1\\nline2\\t\\u00e9 ✓ & <x>"},
            {"name":"qty","time":"2024-01-02T00:00:00Z","value":4}],
           "relationships":[{"objectId":"o2","qualifier":"next"}]},
          {"id":"o2","type":"order / \\"main\\""}],
         "events":[{"id":"e1","type":"place <&>","time":"2024-01-01T08:00:00.5+02:00","attributes":[{"name":"amount","value":-0.1},{"name":"by","value":" spaced "}],
           "relationships":[{"objectId":"o1","qualifier":""},{"objectId":"o2","qualifier":"also"},{"objectId":"o1","qualifier":"again"}]}]}
        """
        let original = try ObjectCentricLog.read(Data(text.utf8), fileName: "awkward.jsonocel").log
        XCTAssertEqual(original.eventTimes, [1_704_088_800_500_000])
        for ext in ["jsonocel", "sqlite", "xmlocel"] {
            let url = scratch.appendingPathComponent("awkward.\(ext)")
            try original.write(to: url)
            XCTAssertEqual(try ObjectCentricLog(contentsOf: url), original, ext)
        }
        XCTAssertEqual(Array(original.events(of: 0)), [0], "an event related twice to an object is one event of it")
        XCTAssertEqual(original.value(of: 0, attribute: 1), .integer(4))
        XCTAssertEqual(original.value(of: 0, attribute: 1, at: 1_000), .integer(3))
    }
}
