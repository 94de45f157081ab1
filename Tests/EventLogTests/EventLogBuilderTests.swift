import EventLog
import XCTest

final class EventLogBuilderTests: XCTestCase {
    func testBuildsColumnsAndDerivedArrays() {
        var builder = EventLogBuilder()
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c1"))])
        builder.addEvent(activity: "a", timestamp: Timestamp(microseconds: 10), resource: "r1")
        builder.addEvent(activity: "b", timestamp: Timestamp(microseconds: 20))
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("c2")),
                                        Attribute(key: "amount", value: .float(2.5))])
        builder.addEvent(activity: "b", attributes: [Attribute(key: "cost", value: .int(3))])
        let log = builder.build()
        XCTAssertEqual(log.caseCount, 2)
        XCTAssertEqual(log.eventCount, 3)
        XCTAssertEqual(log.caseOffsets, [0, 2, 3])
        XCTAssertEqual(log.activityNames, ["a", "b"])
        XCTAssertEqual(log.activityCodes, [0, 1, 1])
        XCTAssertEqual(log.timestamps, [10, 20, Timestamp.missing])
        XCTAssertEqual(log.resourceCodes, [0, -1, -1])
        XCTAssertEqual(log.caseID(1), "c2")
        XCTAssertEqual(log.traceAttributes.column("amount")?[0], nil)
        XCTAssertEqual(log.traceAttributes.column("amount")?[1], .float(2.5))
        XCTAssertEqual(log.eventAttributes.column("cost")?[2], .int(3))
        XCTAssertEqual(Array(log[0].activitySequence), [0, 1])
    }

    func testMixedTypesFallBackWithoutLoss() {
        var builder = EventLogBuilder()
        builder.startTrace()
        builder.addEvent(attributes: [Attribute(key: "x", value: .int(1))])
        builder.addEvent(attributes: [Attribute(key: "x", value: .string("one"))])
        builder.addEvent(attributes: [Attribute(key: "x", value: .float(1), children: [Attribute(key: "unit", value: .string("kg"))])])
        let log = builder.build()
        let column = log.eventAttributes.column("x")!
        XCTAssertEqual(column[0], .int(1))
        XCTAssertEqual(column[1], .string("one"))
        XCTAssertEqual(column.attribute(at: 2)?.children.first?.value, .string("kg"))
    }

    func testTimestampFormatting() {
        let t = Timestamp(microseconds: 1_317_422_324_546_000, utcOffsetMinutes: 120)
        XCTAssertEqual(ISO8601Formatting.format(t), "2011-10-01T00:38:44.546+02:00")
        XCTAssertEqual(ISO8601Formatting.format(Timestamp(microseconds: 0, utcOffsetMinutes: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(ISO8601Formatting.format(Timestamp(microseconds: 1, utcOffsetMinutes: -330)), "1969-12-31T18:30:00.000001-05:30")
        XCTAssertEqual(ISO8601Formatting.format(Timestamp(microseconds: 86_399_120_000, utcOffsetMinutes: nil)), "1970-01-01T23:59:59.12")
        XCTAssertEqual(ISO8601Formatting.format(Timestamp(microseconds: -62_135_596_800_000_000 - 86_400_000_000, utcOffsetMinutes: 0)),
                       "0000-12-31T00:00:00Z")
        XCTAssertEqual(ISO8601Formatting.format(Timestamp(microseconds: 253_402_300_800_000_000, utcOffsetMinutes: 0)), "10000-01-01T00:00:00Z")
    }
}
