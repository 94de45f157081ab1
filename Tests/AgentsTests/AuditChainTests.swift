import Agents
import XCTest

final class AuditChainTests: XCTestCase {
    private func chain(_ records: [String]) -> [UInt8] {
        var previous = AuditChain.genesis
        var bytes: [UInt8] = []
        for (i, record) in records.enumerated() {
            let (line, hash) = AuditChain.line(recordJSON: Array(record.utf8), previousHash: previous, sequence: i + 1)
            bytes += line + [UInt8(ascii: "\n")]
            previous = hash
        }
        return bytes
    }

    func testIntactChainVerifies() {
        let report = AuditVerifier.verify(bytes: chain(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]))
        XCTAssertTrue(report.isValid)
        XCTAssertEqual(report.validRecords, 3)
        XCTAssertFalse(report.truncatedLastLine)
    }

    func testEditingAnyByteFailsAtThatRecord() {
        let bytes = chain(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }.dropLast()
        for position in bytes.indices where bytes[position] != UInt8(ascii: "\n") {
            var edited = bytes
            edited[position] = edited[position] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
            let record = lineStarts.lastIndex { $0 <= position }! + 1
            let report = AuditVerifier.verify(bytes: edited)
            XCTAssertFalse(report.isValid, "edit at \(position) undetected")
            switch report.problem! {
            case .hashMismatch(let r), .brokenChain(let r), .malformedRecord(let r):
                XCTAssertEqual(r, record, "edit at \(position)")
            }
        }
    }

    func testDeletionAndReorderingAreDetected() {
        let bytes = chain(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
        var lines: [[UInt8]] = bytes.split(separator: UInt8(ascii: "\n")).map { Array($0) }
        let deleted: [UInt8] = lines[0] + [10] + lines[2] + [10]
        XCTAssertEqual(AuditVerifier.verify(bytes: deleted).problem, .brokenChain(record: 2))
        lines.swapAt(1, 2)
        let reordered: [UInt8] = lines.flatMap { $0 + [10] }
        XCTAssertEqual(AuditVerifier.verify(bytes: reordered).problem, .brokenChain(record: 2))
    }

    func testTornLastLineIsTruncationNotCorruption() {
        var bytes = chain(["{\"a\":1}", "{\"b\":2}"])
        bytes += Array(#"{"hash":"12ab"#.utf8)
        let report = AuditVerifier.verify(bytes: bytes)
        XCTAssertTrue(report.isValid)
        XCTAssertTrue(report.truncatedLastLine)
        XCTAssertEqual(report.validRecords, 2)
    }
}
