import Foundation
import TracewiseConnectors
import XCTest

/// Inputs the coverage-guided fuzzer (Fuzz/) crashed the readers with, reduced to what triggers the bug; the
/// whole input stays in `Fuzz/Regressions/TARGET/`, which every fuzz run replays first.
final class FuzzRegressionTests: XCTestCase {
    /// `xlsx`, crash-4d8d5735…: a cell reference of many column letters overflowed the column number instead of
    /// being refused (Excel's last column is XFD, 16,384).
    func testAnOverlongCellReferenceIsABadReferenceNotAnOverflow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("overlong.xlsx")
        let reference = String(repeating: "O", count: 18) + "D3"
        try XLSXFixture.write(to: url, sheets: [("S", #"<row r="3"><c r="A3"><v>2</v></c><c r="\#(reference)" t="e"><v>#N/A</v></c></row>"#)])
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: url).rows()) { error in
            XCTAssertTrue("\(error)".contains("bad cell reference \"\(reference)\""), "\(error)")
        }
        let lastColumn = directory.appendingPathComponent("xfd.xlsx")
        try XLSXFixture.write(to: lastColumn, sheets: [("S", #"<row r="1"><c r="XFD1"><v>7</v></c></row>"#)])
        XCTAssertEqual(try XLSXWorkbook(contentsOf: lastColumn).rows().first?.last, "7")
        let pastTheLast = directory.appendingPathComponent("xfe.xlsx")
        try XLSXFixture.write(to: pastTheLast, sheets: [("S", #"<row r="1"><c r="XFE1"><v>7</v></c></row>"#)])
        XCTAssertThrowsError(try XLSXWorkbook(contentsOf: pastTheLast).rows())
    }
}
