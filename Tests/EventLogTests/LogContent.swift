import EventLog
import XCTest

/// Compares two logs by content: case order, every event's and trace's attribute values by key
/// (independent of column order and string-pool order).
enum LogContent {
    static func assertEqual(_ a: EventLog, _ b: EventLog, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.caseOffsets, b.caseOffsets, "case offsets", file: file, line: line)
        assertEqual(a.eventAttributes, b.eventAttributes, level: "event", file: file, line: line)
        assertEqual(a.traceAttributes, b.traceAttributes, level: "trace", file: file, line: line)
    }

    static func assertEqual(_ a: AttributeTable, _ b: AttributeTable, level: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rowCount, b.rowCount, "\(level) rows", file: file, line: line)
        XCTAssertEqual(Set(a.keys), Set(b.keys), "\(level) keys", file: file, line: line)
        for column in a.columns {
            guard let other = b.column(column.key), a.rowCount == b.rowCount else { continue }
            XCTAssertEqual(column.uniformTypeName, other.uniformTypeName, "\(level) \(column.key) type", file: file, line: line)
            let mismatch = (0..<a.rowCount).first { column[$0] != other[$0] }
            XCTAssertNil(mismatch.map { "row \($0): \(String(describing: column[$0])) vs \(String(describing: other[$0]))" },
                         "\(level) \(column.key) values", file: file, line: line)
        }
    }
}
