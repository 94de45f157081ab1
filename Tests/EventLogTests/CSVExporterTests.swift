import EventLog
import Foundation
import XCTest

final class CSVExporterTests: XCTestCase {
    func testGeneratedLogRoundTrips() throws {
        let log = SyntheticLog.generate(events: 5_000, seed: 9)
        let bytes = try CSVWriter().bytes(log)
        let back = try CSVReader().read(bytes: bytes).log
        LogContent.assertEqual(log, back)
        XCTAssertEqual(LogStatistics(back).variants, LogStatistics(log).variants)
    }

    func testEscapingOffsetsAndAbsentValuesRoundTrip() throws {
        var builder = EventLogBuilder()
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c \"1\", x")),
                                        Attribute(key: "note", value: .string("line1\nline2"))])
        builder.addEvent(activity: "a;b", timestamp: Timestamp(microseconds: 1_700_000_000_123_400, utcOffsetMinutes: -330),
                         resource: "ann", attributes: [Attribute(key: "n", value: .int(-3))])
        builder.addEvent(activity: "c", timestamp: Timestamp(microseconds: 1_700_000_001_000_000),
                         attributes: [Attribute(key: "x", value: .float(0.1)), Attribute(key: "ok", value: .boolean(true))])
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c2"))])
        builder.addEvent(activity: "c", timestamp: Timestamp(microseconds: 0, utcOffsetMinutes: 0))
        let log = builder.build()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-export-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try CSVWriter().write(log, to: file)
        let back = try CSVReader().read(contentsOf: file).log
        LogContent.assertEqual(log, back)
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("case:concept:name,concept:name,time:timestamp,org:resource,n,x,ok,case:note\n"), text)
        XCTAssertTrue(text.contains("\"c \"\"1\"\", x\",a;b,2023-11-14T16:43:20.1234-05:30,ann,-3,,,\"line1\nline2\"\n"), text)
    }

    func testNestedAttributesAreRefused() {
        var builder = EventLogBuilder()
        builder.startTrace()
        builder.addEvent(attributes: [Attribute(key: "items", value: .list([Attribute(key: "i", value: .int(1))]))])
        XCTAssertThrowsError(try CSVWriter().bytes(builder.build())) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .unsupportedFormat)
        }
    }
}
