import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// Import → export → import must give the same log: every column with its type and values, the
/// header, the case structure. Run on every shared XES log (plain and gzip output) and on a fixture
/// with every attribute type.
final class XESRoundTripTests: XCTestCase {
    func testEverySharedLogRoundTripsExactly() throws {
        let datasets = try SharedData.require("datasets")
        let files = try FileManager.default.contentsOfDirectory(atPath: datasets.path)
            .filter { $0.hasSuffix(".xes") || $0.hasSuffix(".xes.gz") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files {
            let original = try EventLog(contentsOf: datasets.appendingPathComponent(file))
            let gz = file.hasSuffix(".gz")
            let copy = try XESReader().read(bytes: XESWriter().bytes(original, compressed: gz), name: file).log
            assertSameLog(original, copy, file)
        }
    }

    func testFixtureWithEveryTypeRoundTripsThroughFiles() throws {
        let original = try XESReader().read(bytes: Array(XESFixtures.allTypes.utf8)).log
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xes-rt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["copy.xes", "copy.xes.gz"] {
            let url = directory.appendingPathComponent(name)
            try original.write(to: url)
            let copy = try EventLog(contentsOf: url)
            assertSameLog(original, copy, name)
        }
    }

    func testBuilderLogWithSpecialCharactersRoundTrips() throws {
        var builder = EventLogBuilder()
        builder.header.extensions = [XESExtension(name: "Concept", prefix: "concept", uri: "http://x/concept.xesext")]
        builder.header.classifiers = [Classifier(name: "with space", keys: ["Activity name", "lifecycle:transition"])]
        builder.startTrace(attributes: [Attribute(key: "concept:name", value: .string("a&b <c> \"d\" 'e'\ttab\nline"))])
        builder.addEvent(activity: "ünïcødé ✓", timestamp: Timestamp(microseconds: -1_234_567, utcOffsetMinutes: -330),
                         attributes: [Attribute(key: "n", value: .float(.infinity)), Attribute(key: "m", value: .float(-0.1)),
                                      Attribute(key: "big", value: .int(.min))])
        let original = builder.build()
        let copy = try XESReader().read(bytes: XESWriter().bytes(original)).log
        assertSameLog(original, copy, "builder")
        XCTAssertEqual(copy.header.classifiers.first?.keys, ["Activity name", "lifecycle:transition"])
    }

    private func assertSameLog(_ a: EventLog, _ b: EventLog, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.caseOffsets, b.caseOffsets, name, file: file, line: line)
        XCTAssertEqual(a.header, b.header, name, file: file, line: line)
        XCTAssertEqual(a.traceAttributes.keys, b.traceAttributes.keys, name, file: file, line: line)
        XCTAssertEqual(a.eventAttributes.keys, b.eventAttributes.keys, name, file: file, line: line)
        for (x, y) in zip(a.traceAttributes.columns + a.eventAttributes.columns, b.traceAttributes.columns + b.eventAttributes.columns) {
            XCTAssertEqual(x, y, "\(name): column \(x.key)", file: file, line: line)
        }
        XCTAssertEqual(a.activityNames, b.activityNames, name, file: file, line: line)
        XCTAssertEqual(a.timestamps, b.timestamps, name, file: file, line: line)
    }
}
