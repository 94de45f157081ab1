import EventLog
import Foundation
import TracewiseConnectors
import XCTest

final class XLSXWorkbookTests: XCTestCase {
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tests-\(getpid())")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    func testSharedInlineBooleanEmptyAndDateCellsBecomeText() throws {
        let url = directory.appendingPathComponent("cells.xlsx")
        let rows = #"""
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>done</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="2"><v>45352.5</v></c><c r="D2" t="b"><v>1</v></c></row>
        <row r="4"><c r="A4" t="inlineStr"><is><r><t>ca</t></r><r><t>se &amp; 2</t></r></is></c><c r="B4" s="1"><v>45353</v></c><c r="C4"><v>12.5</v></c></row>
        """#
        try XLSXFixture.write(to: url, sheets: [("Orders", rows)], sharedStrings: ["case", "time", "amount", "c1"], styles: XLSXFixture.dateStyles)
        let workbook = try XLSXWorkbook(contentsOf: url)
        XCTAssertEqual(workbook.sheets.map(\.name), ["Orders"])
        XCTAssertEqual(try workbook.rows(), [
            ["case", "time", "amount", "done"],
            ["c1", "2024-03-01T12:00:00", "", "true"],
            ["", "", "", ""],
            ["case & 2", "2024-03-02T00:00:00", "12.5", ""],
        ])
    }

    func testThe1904DateSystemAndExcelsPhantomLeapDay() throws {
        let url = directory.appendingPathComponent("dates.xlsx")
        try XLSXFixture.write(to: url, sheets: [("S", #"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>1</v></c></row>"#)],
                              styles: XLSXFixture.dateStyles, date1904: true)
        XCTAssertEqual(try XLSXWorkbook(contentsOf: url).rows(), [["1904-01-01T00:00:00", "1904-01-02T00:00:00"]])
        let old = directory.appendingPathComponent("dates1900.xlsx")
        try XLSXFixture.write(to: old, sheets: [("S", #"<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>61</v></c></row>"#)],
                              styles: XLSXFixture.dateStyles)
        XCTAssertEqual(try XLSXWorkbook(contentsOf: old).rows(), [["1900-01-01T00:00:00", "1900-02-28T00:00:00", "1900-03-01T00:00:00"]])
    }

    func testASheetBecomesAnEventLogThroughTheCSVMapping() throws {
        let url = directory.appendingPathComponent("log.xlsx")
        var rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Case</t></is></c><c r="B1" t="inlineStr"><is><t>Step</t></is></c><c r="C1" t="inlineStr"><is><t>When</t></is></c></row>"#
        let steps = ["register", "check", "pay"]
        var line = 2
        for c in 1...3 {
            for (s, step) in steps.enumerated() {
                rows += #"<row r="\#(line)"><c r="A\#(line)" t="inlineStr"><is><t>k\#(c)</t></is></c><c r="B\#(line)" t="inlineStr"><is><t>\#(step)</t></is></c><c r="C\#(line)" s="2"><v>\#(45000 + c * 3 + s)</v></c></row>"#
                line += 1
            }
        }
        try XLSXFixture.write(to: url, sheets: [("Log", rows)], styles: XLSXFixture.dateStyles)
        let mapping = CSVColumnMapping(caseID: "Case", activity: "Step", timestamp: "When")
        let log = try XLSXWorkbook(contentsOf: url).eventLog(options: CSVImportOptions(mapping: mapping))
        let stats = LogStatistics(log)
        XCTAssertEqual(stats.caseCount, 3)
        XCTAssertEqual(stats.eventCount, 9)
        XCTAssertEqual(stats.variants.first?.activities, steps)
        XCTAssertEqual(stats.variants.first?.count, 3)
    }

    func testBrokenWorkbooksGiveTypedPositionedErrors() throws {
        let notZip = directory.appendingPathComponent("plain.xlsx")
        try Data("case,activity\n".utf8).write(to: notZip)
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: notZip)) { XCTAssertTrue($0 is XLSXError, "\($0)") }

        let badIndex = directory.appendingPathComponent("index.xlsx")
        try XLSXFixture.write(to: badIndex, sheets: [("S", #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>"#)], sharedStrings: ["a"])
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: badIndex).rows()) { error in
            let xlsx = error as? XLSXError
            XCTAssertEqual(xlsx?.sheet, "S")
            XCTAssertEqual(xlsx?.row, 1)
            XCTAssertEqual(xlsx?.column, "B")
        }

        let truncated = directory.appendingPathComponent("truncated.xlsx")
        try XLSXFixture.write(to: truncated, sheets: [("S", #"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"#)])
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: truncated).rows()) { XCTAssertTrue($0 is XLSXError, "\($0)") }

        let notNumber = directory.appendingPathComponent("nan.xlsx")
        try XLSXFixture.write(to: notNumber, sheets: [("S", #"<row r="3"><c r="C3"><v>twelve</v></c></row>"#)])
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: notNumber).rows()) { error in
            XCTAssertEqual((error as? XLSXError)?.description.contains("cell C3"), true, "\(error)")
        }
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: notNumber).rows(sheet: "Missing"))
    }
}
