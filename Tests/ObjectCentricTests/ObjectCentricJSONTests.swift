import Foundation
import ObjectCentric
import XCTest

/// The JSON reader reads members in place when their dependencies came first and revisits them otherwise:
/// every member order gives the same log.
final class ObjectCentricJSONTests: XCTestCase {
    private static let objectTypes = #""objectTypes":[{"name":"order","attributes":[{"name":"qty","type":"integer"}]}]"#
    private static let eventTypes = #""eventTypes":[{"name":"place","attributes":[{"name":"by","type":"string"}]}]"#
    private static let objects = #""objects":[{"id":"o1","type":"order","attributes":[{"name":"qty","time":"2024-01-01T00:00:00Z","value":2}]},{"id":"o2","type":"order"}]"#

    /// Events with their members in the usual order (id, type, time first) or with attributes and
    /// relationships before them.
    private static func events(membersFirst: Bool) -> String {
        let members = [#""attributes":[{"name":"by","value":"ann"}]"#, #""relationships":[{"objectId":"o1","qualifier":"a"},{"objectId":"o2","qualifier":""}]"#]
        let head = [#""id":"e1""#, #""type":"place""#, #""time":"2024-01-02T00:00:00Z""#]
        let e1 = "{" + (membersFirst ? members + head : head + members).joined(separator: ",") + "}"
        let e2 = #"{"relationships":[{"objectId":"o2","qualifier":"b"}],"time":"2024-01-03T00:00:00Z","id":"e2","type":"place"}"#
        return #""events":["# + e1 + "," + e2 + "]"
    }

    func testEveryMemberOrderGivesTheSameLog() throws {
        let reference = try ObjectCentricLog.read(Data(("{" + [Self.objectTypes, Self.eventTypes, Self.objects, Self.events(membersFirst: false)].joined(separator: ",") + "}").utf8)).log
        XCTAssertEqual(reference.eventCount, 2)
        XCTAssertEqual(reference.e2oCount, 3)
        XCTAssertEqual(reference.eventAttributeValues, [.string("ann")])
        let orders = [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2], [0, 3, 1, 2]]
        for order in orders {
            for membersFirst in [false, true] {
                let parts = [Self.objectTypes, Self.eventTypes, Self.objects, Self.events(membersFirst: membersFirst)]
                let text = "{" + order.map { parts[$0] }.joined(separator: ",") + "}"
                XCTAssertEqual(try ObjectCentricLog.read(Data(text.utf8)).log, reference, "order \(order), members first: \(membersFirst)")
            }
        }
    }

    func testRepeatedOrMixedMembersAreRefused() throws {
        let twice = "{" + [Self.objectTypes, Self.eventTypes, Self.objects, Self.objects, Self.events(membersFirst: false)].joined(separator: ",") + "}"
        XCTAssertThrowsError(try ObjectCentricLog.read(Data(twice.utf8))) { error in
            XCTAssertEqual((error as? ObjectCentricError)?.code, .notOCEL)
        }
        let mixed = "{" + [Self.objectTypes, Self.eventTypes, #""ocel:events":{}"#, #""ocel:objects":{}"#].joined(separator: ",") + "}"
        XCTAssertThrowsError(try ObjectCentricLog.read(Data(mixed.utf8))) { error in
            XCTAssertEqual((error as? ObjectCentricError)?.code, .notOCEL)
        }
    }

    func testLenientSkipsAnEventWhoseMembersCameFirst() throws {
        let bad = #"{"attributes":[{"name":"by","value":"x"}],"relationships":[{"objectId":"o1","qualifier":"a"}],"id":"e9","type":"ship","time":"2024-01-02T00:00:00Z"}"#
        let text = "{" + [Self.objectTypes, Self.eventTypes, Self.objects, #""events":["# + bad + "]"].joined(separator: ",") + "}"
        let result = try ObjectCentricLog.read(Data(text.utf8), options: OCELImportOptions(lenient: true))
        XCTAssertEqual(result.log.eventCount, 0)
        XCTAssertEqual(result.log.e2oCount, 0)
        XCTAssertEqual(result.issues.map(\.error.code), [.unknownEventType])
    }
}
