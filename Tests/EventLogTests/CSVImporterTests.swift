import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

final class CSVImporterTests: XCTestCase {
    private func importCSV(_ text: String, _ options: CSVImportOptions = CSVImportOptions()) throws -> LogReadResult {
        try CSVReader(options: options).read(bytes: Array(text.utf8), name: "test.csv")
    }

    private func assertError(_ text: String, _ code: EventLogError.Code, row: Int? = nil, field: String? = nil,
                             options: CSVImportOptions = CSVImportOptions(), line: UInt = #line) {
        XCTAssertThrowsError(try importCSV(text, options), line: line) { error in
            guard let error = error as? EventLogError else { return XCTFail("untyped error \(error)", line: line) }
            XCTAssertEqual(error.code, code, error.detailedDescription, line: line)
            if let row { XCTAssertEqual(error.location.row, row, error.detailedDescription, line: line) }
            if let field { XCTAssertEqual(error.location.field, field, error.detailedDescription, line: line) }
            XCTAssertEqual(error.location.file, "test.csv", line: line)
        }
    }

    func testGroupsByFirstAppearanceAndKeepsFileOrderOnRequest() throws {
        let text = """
            case:concept:name,concept:name,time:timestamp,org:resource
            c2,a,2024-01-01T10:00:00Z,ann
            c1,a,2024-01-01 09:00:00,bob
            c2,b,2024-01-01T09:30:00+01:00,
            c1,c,1704103200,

            """
        let log = try importCSV(text, CSVImportOptions(sortEventsByTimestamp: false)).log
        XCTAssertEqual(log.caseCount, 2)
        XCTAssertEqual((0..<2).map { log.caseID($0) }, ["c2", "c1"])
        XCTAssertEqual(log[0].map { log.activityNames[Int($0.activity)] }, ["a", "b"])
        XCTAssertEqual(log[1].map { log.activityNames[Int($0.activity)] }, ["a", "c"])
        XCTAssertEqual(log.timestamps[0], 1_704_103_200_000_000)
        XCTAssertEqual(log.timestamps[1], 1_704_097_800_000_000)
        XCTAssertEqual(log.eventAttributes.column("time:timestamp")?[1], .date(Timestamp(microseconds: 1_704_097_800_000_000, utcOffsetMinutes: 60)))
        XCTAssertEqual(log.timestamps[2], 1_704_099_600_000_000)
        XCTAssertEqual(log.timestamps[3], 1_704_103_200_000_000)
        XCTAssertEqual(log.resourceCodes.map { $0 < 0 ? nil : log.resourceNames[Int($0)] }, ["ann", nil, "bob", nil])

        // By default each case is stable-sorted by timestamp, as PM4Py's format_dataframe does.
        let sorted = try importCSV(text).log
        XCTAssertEqual((0..<2).map { sorted.caseID($0) }, ["c2", "c1"])
        XCTAssertEqual(sorted[0].map { sorted.activityNames[Int($0.activity)] }, ["b", "a"])
        XCTAssertEqual(sorted.timestamps, [1_704_097_800_000_000, 1_704_103_200_000_000, 1_704_099_600_000_000, 1_704_103_200_000_000])
        XCTAssertEqual(sorted.resourceCodes.map { $0 < 0 ? nil : sorted.resourceNames[Int($0)] }, [nil, "ann", "bob", nil])
    }

    func testQuotedFieldsEmbeddedNewlinesQuotesAndCRLF() throws {
        let text = "\u{FEFF}case:concept:name;concept:name;note\r\n\"c;1\";\"say \"\"hi\"\"\";\"two\r\nlines\"\r\n\r\nc2;b;plain\r\n"
        let log = try importCSV(text, CSVImportOptions(mapping: CSVColumnMapping(timestamp: nil))).log
        XCTAssertEqual(log.caseID(0), "c;1")
        XCTAssertEqual(log.activityNames, ["say \"hi\"", "b"])
        XCTAssertEqual(log.eventAttributes.column("note")?[0], .string("two\r\nlines"))
        XCTAssertEqual(log.caseCount, 2)
    }

    func testDetectsEachDelimiter() throws {
        for delimiter in [",", ";", "\t", "|"] {
            let text = ["case:concept:name", "concept:name", "x"].joined(separator: delimiter) + "\n"
                + ["1", "a", "2,5"].joined(separator: delimiter == "," ? ";" : delimiter) + "\n"
            if delimiter == "," { continue }
            let log = try importCSV(text, CSVImportOptions(mapping: CSVColumnMapping(timestamp: nil))).log
            XCTAssertEqual(log.eventAttributes.column("x")?[0], .string("2,5"), "delimiter \(delimiter)")
        }
    }

    func testInfersAttributeTypesAndTraceAttributes() throws {
        let log = try importCSV("""
            case:concept:name,concept:name,count,amount,flag,when,code,case:region,case:value
            c1,a,1,2.5,true,2024-01-02,007,north,10
            c1,b,2,3,FALSE,2024-01-03T00:00:00Z,12,north,10
            c2,a,,1e3,,,x,south,
            """, CSVImportOptions(mapping: CSVColumnMapping(timestamp: nil))).log
        let events = log.eventAttributes
        XCTAssertEqual(events.column("count")?.uniformTypeName, "int")
        XCTAssertEqual(events.column("count")?[2], nil)
        XCTAssertEqual(events.column("amount")?[1], .float(3))
        XCTAssertEqual(events.column("amount")?[2], .float(1000))
        XCTAssertEqual(events.column("flag")?[1], .boolean(false))
        XCTAssertEqual(events.column("when")?.uniformTypeName, "date")
        XCTAssertEqual(events.column("code")?[0], .string("007"))
        XCTAssertNil(events.column("case:region"))
        XCTAssertEqual(log.traceAttributes.column("region")?[1], .string("south"))
        XCTAssertEqual(log.traceAttributes.column("value")?[0], .int(10))
        XCTAssertEqual(log.traceAttributes.column("value")?[1], nil)
    }

    func testExplicitMappingStartTimestampAndPattern() throws {
        var options = CSVImportOptions(mapping: CSVColumnMapping(caseID: "Case", activity: "Task", timestamp: "End",
                                                                 startTimestamp: "Start", resource: "Who"))
        options.timestampFormat = .pattern("dd/MM/yyyy HH:mm")
        let log = try importCSV("""
            Case,Task,Start,End,Who
            1,x,01/02/2024 08:00,01/02/2024 09:30,ann
            """, options).log
        XCTAssertEqual(log.timestamps[0], 1_706_779_800_000_000)
        XCTAssertEqual(log.eventAttributes.column("start_timestamp")?[0], .date(Timestamp(microseconds: 1_706_774_400_000_000)))
        XCTAssertEqual(log.resourceNames, ["ann"])
        options.timestampFormat = .epochMilliseconds
        options.mapping = CSVColumnMapping(caseID: "Case", activity: "Task", timestamp: "End")
        let epoch = try importCSV("Case,Task,End\n1,x,1700000000123\n", options).log
        XCTAssertEqual(epoch.timestamps[0], 1_700_000_000_123_000)
    }

    func testTypedPositionedErrors() {
        assertError("", .emptyFile)
        assertError("case:concept:name,concept:name\n", .missingColumn, row: 1, field: "time:timestamp")
        assertError("case:concept:name,time:timestamp\n1,2024-01-01\n", .missingColumn, field: "concept:name")
        assertError("case:concept:name,concept:name,time:timestamp\n1,a,2024-01-01\n,b,2024-01-01\n", .missingCaseID, row: 3, field: "case:concept:name")
        assertError("case:concept:name,concept:name,time:timestamp\n1,a,yesterday\n", .invalidTimestamp, row: 2, field: "time:timestamp")
        assertError("case:concept:name,concept:name,time:timestamp\n1,a,2024-13-01\n", .invalidTimestamp, row: 2)
        assertError("case:concept:name,concept:name,time:timestamp\n1,\"a,2024-01-01\n", .malformedCSV, row: 2)
        assertError("case:concept:name,concept:name,time:timestamp\n1,a\n", .malformedCSV, row: 2)
        assertError("case:concept:name,concept:name,time:timestamp\n1,\"a\"x,2024-01-01\n", .malformedCSV, row: 2)
        assertError("case:concept:name,concept:name,time:timestamp\n1,,2024-01-01\n", .missingKey, row: 2, field: "concept:name")
        assertError("a,b\u{0}c\n", .binaryContent)
    }

    func testLenientModeSkipsAndReportsBadRows() throws {
        var options = CSVImportOptions()
        options.lenient = true
        let result = try importCSV("""
            case:concept:name,concept:name,time:timestamp
            1,a,2024-01-01
            2,b,not a date
            ,c,2024-01-01
            3,d
            1,e,2024-01-02
            """, options)
        XCTAssertEqual(result.log.eventCount, 2)
        XCTAssertEqual(result.problems.map(\.error.code), [.invalidTimestamp, .missingCaseID, .malformedCSV])
        XCTAssertEqual(result.problems.map(\.error.location.row), [3, 4, 5])
    }

    func testReceiptCSVMatchesPM4PyReference() throws {
        let url = try SharedData.require("datasets/receipt.csv.gz")
        let log = try CSVReader().read(contentsOf: url).log
        let s = LogStatistics(log)
        try ReferenceSummary.assertMatches(s, reference: "08_receipt")
        XCTAssertEqual(log.traceAttributes.column("channel")?.uniformTypeName, "string")
        XCTAssertEqual(log.traceAttributes.column("deadline")?.uniformTypeName, "date")
    }
}
