import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

final class XESImportTests: XCTestCase {
    private func parse(_ text: String, options: ImportOptions = ImportOptions()) throws -> LogReadResult {
        try XESReader(options: options).read(bytes: Array(text.utf8), name: "fixture.xes")
    }

    func testReadsEveryTypeEntityAndTimestampForm() throws {
        let log = try parse(XESFixtures.allTypes).log
        XCTAssertEqual(log.caseCount, 3)
        XCTAssertEqual(log.eventCount, 3)
        XCTAssertEqual(log.caseOffsets, [0, 2, 3, 3])
        XCTAssertEqual(log.caseID(0), "case & 1")
        XCTAssertEqual(log.activityNames, ["A <>\"' AB", "B", "C"])
        XCTAssertEqual(log.traceAttributes.column("vip")?[0], .boolean(true))
        XCTAssertEqual(log.traceAttributes.column("tags")?[0],
                       .list([Attribute(key: "tag", value: .string("x")), Attribute(key: "tag", value: .int(2))]))
        let events = log.eventAttributes
        XCTAssertEqual(events.column("count")?[0], .int(-42))
        XCTAssertEqual(events.column("count")?[2], nil)
        XCTAssertEqual(events.column("cost")?[0], .float(1500))
        XCTAssertEqual(events.column("uid")?[0], .id("b3a1"))
        XCTAssertEqual(events.column("box")?[0], .container([
            Attribute(key: "inner", value: .string("v")),
            Attribute(key: "deeper", value: .container([Attribute(key: "ok", value: .boolean(false))])),
        ]))
        // 2020-02-29T23:59:59.123456789+05:30: nanoseconds truncated, offset kept.
        let first = Timestamp(microseconds: (1_583_020_799 - 19_800) * 1_000_000 + 123_456, utcOffsetMinutes: 330)
        XCTAssertEqual(events.column("time:timestamp")?[0], .date(first))
        XCTAssertEqual(log.timestamps[1], 1_583_020_800_000_000)
        XCTAssertEqual(events.column("time:timestamp")?[1], .date(Timestamp(microseconds: 1_583_020_800_000_000, utcOffsetMinutes: 0)))
        XCTAssertEqual(log.timestamps[2], 1_622_505_600_000_000, "date-only means midnight, no offset")
        XCTAssertEqual(events.column("due")?[2], .date(Timestamp(microseconds: 1_622_548_800_000_000, utcOffsetMinutes: -120)))
    }

    func testReadsHeader() throws {
        let header = try parse(XESFixtures.allTypes).log.header
        XCTAssertEqual(header.xmlAttributes["xes.version"], "2.0")
        XCTAssertEqual(header.extensions, [XESExtension(name: "Concept", prefix: "concept", uri: "http://www.xes-standard.org/concept.xesext")])
        XCTAssertEqual(header.traceGlobals, [Attribute(key: "concept:name", value: .string("__INVALID__"))])
        XCTAssertEqual(header.eventGlobals.map(\.key), ["concept:name", "time:timestamp"])
        XCTAssertEqual(header.classifiers, [
            Classifier(name: "Activity", keys: ["concept:name", "lifecycle:transition"]),
            Classifier(name: "Quoted", keys: ["Activity name", "org:resource"]),
        ])
        XCTAssertEqual(header.attributes, [Attribute(key: "source", value: .string("fixture"),
                                                     children: [Attribute(key: "meta", value: .int(1))])])
    }

    func testListMetaAttributesAndOldStyleListsAndNestedEventAttributes() throws {
        let text = """
        <log><trace><event>
          <list key="l"><string key="meta" value="m"/><values><int key="i" value="1"/></values></list>
          <list key="old"><int key="i" value="2"/></list>
          <string key="s" value="v"><date key="when" value="2020-01-01T00:00:00"/></string>
          <list key="empty"/>
        </event></trace></log>
        """
        let events = try parse(text).log.eventAttributes
        XCTAssertEqual(events.column("l")?.attribute(at: 0),
                       Attribute(key: "l", value: .list([Attribute(key: "i", value: .int(1))]),
                                 children: [Attribute(key: "meta", value: .string("m"))]))
        XCTAssertEqual(events.column("old")?[0], .list([Attribute(key: "i", value: .int(2))]))
        XCTAssertEqual(events.column("s")?.attribute(at: 0)?.children,
                       [Attribute(key: "when", value: .date(Timestamp(microseconds: 1_577_836_800_000_000)))])
        XCTAssertEqual(events.column("empty")?[0], .list([]))
    }

    func testKeepsFileOrderUnlessSortingIsRequested() throws {
        let text = """
        <log><trace>
          <event><string key="concept:name" value="late"/><date key="time:timestamp" value="2020-01-03T00:00:00Z"/></event>
          <event><string key="concept:name" value="none"/></event>
          <event><string key="concept:name" value="early"/><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event>
          <event><string key="concept:name" value="early2"/><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event>
        </trace></log>
        """
        let plain = try parse(text).log
        XCTAssertEqual(plain[0].map { plain.activityNames[Int($0.activity)] }, ["late", "none", "early", "early2"])
        let sorted = try parse(text, options: ImportOptions(sortEventsByTimestamp: true)).log
        XCTAssertEqual(sorted[0].map { sorted.activityNames[Int($0.activity)] }, ["early", "early2", "late", "none"])
        XCTAssertEqual(sorted.provenance.source?.options["sortEventsByTimestamp"], "true")
    }

    func testClassifierOverrideAndProvenance() throws {
        let text = """
        <log><trace><event><string key="concept:name" value="a"/><string key="lifecycle:transition" value="start"/></event>
        <event><string key="concept:name" value="a"/><string key="lifecycle:transition" value="complete"/></event></trace></log>
        """
        let log = try parse(text, options: ImportOptions(classifier: .conceptNameAndLifecycle)).log
        XCTAssertEqual(log.activityNames, ["a+start", "a+complete"])
        XCTAssertEqual(log.provenance.source?.format, "xes")
        XCTAssertEqual(log.provenance.source?.location, "fixture.xes")
        XCTAssertEqual(log.provenance.source?.options["classifier"], "concept:name lifecycle:transition")
    }

    func testDuplicateKeyKeepsTheLastValueAsPM4PyDoes() throws {
        let text = #"<log><trace><event><string key="concept:name" value="a"/><string key="concept:name" value="b"/></event></trace></log>"#
        let log = try parse(text).log
        XCTAssertEqual(log.activityNames[Int(log.activityCodes[0])], "b")
    }

    func testMixedTypesInOneColumnAreKept() throws {
        let text = #"<log><trace><event><int key="x" value="1"/></event><event><string key="x" value="one"/></event></trace></log>"#
        let column = try XCTUnwrap(try parse(text).log.eventAttributes.column("x"))
        XCTAssertEqual(column[0], .int(1))
        XCTAssertEqual(column[1], .string("one"))
    }

    func testLenientModeSkipsAndReportsBadAttributes() throws {
        let text = """
        <log><trace><event>
        <string key="concept:name" value="a"/>
        <int key="n" value="x1"/>
        <date key="time:timestamp" value="yesterday"/>
        <weird key="w" value="1"><string key="inside" value="v"/></weird>
        <string value="no key"/>
        </event></trace></log>
        """
        XCTAssertThrowsError(try parse(text)) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .invalidAttributeValue)
            XCTAssertEqual((error as? EventLogError)?.location.line, 3)
        }
        let result = try parse(text, options: ImportOptions(lenient: true))
        XCTAssertEqual(result.problems.map(\.error.code), [.invalidAttributeValue, .invalidTimestamp, .unknownAttributeType, .missingKey])
        XCTAssertEqual(result.problems.map { $0.error.location.line }, [3, 4, 5, 6])
        XCTAssertEqual(result.log.eventAttributes.keys, ["concept:name"])
        XCTAssertEqual(result.log.provenance.source?.options["skippedProblems"], "4")
    }

    func testDispatchesByExtension() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xes-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("log.json")
        try Data("{}".utf8).write(to: other)
        XCTAssertThrowsError(try EventLog(contentsOf: other)) { XCTAssertEqual(($0 as? EventLogError)?.code, .unsupportedFormat) }
        XCTAssertThrowsError(try EventLog(contentsOf: directory.appendingPathComponent("missing.xes"))) {
            XCTAssertEqual(($0 as? EventLogError)?.code, .fileNotFound)
        }
        let misnamed = directory.appendingPathComponent("plain.XES")
        try XESWriter().bytes(try parse(XESFixtures.allTypes).log, compressed: true).withUnsafeBytes { try Data($0).write(to: misnamed) }
        XCTAssertEqual(try EventLog(contentsOf: misnamed).eventCount, 3, "compression is detected from content")
    }

    func testReadsMultiMemberGzip() throws {
        let a = try XESWriter().bytes(try parse(XESFixtures.allTypes).log, compressed: true)
        let text = Array(try XESWriter().bytes(try parse(XESFixtures.allTypes).log))
        // Split the same document over two gzip members: the reader must join them.
        let cut = text.count / 2
        let first = try gzip(Array(text[..<cut]))
        let second = try gzip(Array(text[cut...]))
        let joined = try XESReader().read(bytes: first + second + [0, 0, 0]).log
        XCTAssertEqual(joined.eventCount, try XESReader().read(bytes: a).log.eventCount)
    }

    func testTranscodesLatin1AndWindows1252Declarations() throws {
        func document(_ encoding: String, _ value: [UInt8]) -> [UInt8] {
            Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><log><trace><event><string key=\"concept:name\" value=\"".utf8)
                + value + Array("\"/></event></trace></log>".utf8)
        }
        let latin1 = try XESReader().read(bytes: document("ISO-8859-1", [0x43, 0x61, 0x66, 0xE9, 0x80])).log
        XCTAssertEqual(latin1.activityNames, ["Caf\u{E9}\u{80}"])
        let windows = try XESReader().read(bytes: document("windows-1252", [0x80, 0x20, 0xE9])).log
        XCTAssertEqual(windows.activityNames, ["\u{20AC} \u{E9}"])
        XCTAssertThrowsError(try XESReader().read(bytes: document("Shift_JIS", [0x41]))) {
            XCTAssertEqual(($0 as? EventLogError)?.code, .unsupportedFormat)
        }
    }

    func testRunningExampleMatchesItsCSVTwin() throws {
        let log = try EventLog(contentsOf: try SharedData.require("datasets/running-example.xes"))
        XCTAssertEqual(log.caseCount, 6)
        XCTAssertEqual(log.eventCount, 42)
        XCTAssertEqual(log.caseID(0), "3")
        XCTAssertEqual(log.resourceNames.first, "Pete")
        XCTAssertEqual(ISO8601Formatting.format(try XCTUnwrap(log.eventAttributes.column("time:timestamp")?[0]).dateValue),
                       "2010-12-30T14:32:00+01:00")
        XCTAssertEqual(log.header.classifiers.map(\.keys), [["Activity"], ["Activity"]])
    }

    /// Gzip-compresses bytes with the library's own exporter machinery (through a one-event log's bytes
    /// would not do: we need arbitrary content), using the system `gzip` tool.
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory
        let url = directory.appendingPathComponent("member-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", url.path]
        try process.run()
        process.waitUntilExit()
        let gz = URL(fileURLWithPath: url.path + ".gz")
        defer { try? FileManager.default.removeItem(at: gz) }
        return [UInt8](try Data(contentsOf: gz))
    }
}

private extension AttributeValue {
    var dateValue: Timestamp {
        if case .date(let t) = self { return t }
        return Timestamp(microseconds: Timestamp.missing)
    }
}
