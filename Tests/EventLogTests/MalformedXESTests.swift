import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// A corpus of broken inputs. Each hand-made case names the error code and, through a `§` marker in
/// its text, the line and column the error must point at. The generated part truncates and corrupts
/// real logs (seeded, so every run checks the same cases): each must end in a typed ``EventLogError``
/// or a valid log, never a crash, a hang, or a silently shortened log.
final class MalformedXESTests: XCTestCase {
    private struct Case {
        var name: String
        var text: String
        var code: EventLogError.Code
    }

    private static let event = "<log>\n<trace>\n<event>\n"

    private let cases: [Case] = [
        Case(name: "binary garbage", text: "§\u{01}\u{02}\u{00}\u{03}\u{04}garbage\u{05}", code: .binaryContent),
        Case(name: "not XES root", text: "<?xml version=\"1.0\"?>\n§<html><body/></html>", code: .notXES),
        Case(name: "unclosed tags", text: "<log>\n<trace>\n<event>\n§", code: .malformedXML),
        Case(name: "mismatched end tag", text: "<log>\n<trace>\n§</event>\n</log>", code: .malformedXML),
        Case(name: "unquoted attribute value", text: "<log>\n<trace x=§1>", code: .malformedXML),
        Case(name: "missing equals sign", text: "<log a§\"1\">", code: .malformedXML),
        Case(name: "unknown entity", text: event + "<string key=\"k\" value=\"a §&foo; b\"/>", code: .malformedXML),
        Case(name: "unterminated entity", text: event + "<string key=\"k\" value=\"§&amp b\"/>", code: .malformedXML),
        Case(name: "invalid character reference", text: event + "<string key=\"k\" value=\"§&#xZZ;\"/>", code: .malformedXML),
        Case(name: "NUL character reference", text: event + "<string key=\"k\" value=\"§&#0;\"/>", code: .malformedXML),
        Case(name: "unknown attribute type", text: event + "  §<text key=\"k\" value=\"v\"/>", code: .unknownAttributeType),
        Case(name: "invalid int", text: event + "<int key=\"n\" value=\"§12a\"/>", code: .invalidAttributeValue),
        Case(name: "int overflow", text: event + "<int key=\"n\" value=\"§9223372036854775808\"/>", code: .invalidAttributeValue),
        Case(name: "invalid float", text: event + "<float key=\"f\" value=\"§1.2.3\"/>", code: .invalidAttributeValue),
        Case(name: "invalid boolean", text: event + "<boolean key=\"b\" value=\"§yes\"/>", code: .invalidAttributeValue),
        Case(name: "month 13", text: event + "<date key=\"time:timestamp\" value=\"§2020-13-01T00:00:00\"/>", code: .invalidTimestamp),
        Case(name: "offset out of range", text: event + "<date key=\"d\" value=\"§2020-01-01T00:00:00+25:00\"/>", code: .invalidTimestamp),
        Case(name: "ten fractional digits", text: event + "<date key=\"d\" value=\"§2020-01-01T00:00:00.0123456789Z\"/>", code: .invalidTimestamp),
        Case(name: "February 30", text: "<log>\n<trace>\n<date key=\"d\" value=\"§2021-02-30\"/>", code: .invalidTimestamp),
        Case(name: "missing key", text: event + "§<string value=\"v\"/>", code: .missingKey),
        Case(name: "missing value", text: event + "§<string key=\"k\"/>", code: .invalidAttributeValue),
        Case(name: "text after root", text: "<log/>\n  §junk", code: .malformedXML),
        Case(name: "two roots", text: "<log></log>\n§<log></log>", code: .malformedXML),
        Case(name: "event outside trace", text: "<log>\n  §<event/>\n</log>", code: .unexpectedElement),
        Case(name: "trace inside event", text: event + "§<trace/>", code: .unexpectedElement),
        Case(name: "less-than in value", text: event + "<string key=\"k\" value=\"a§<b\"/>", code: .malformedXML),
        Case(name: "repeated XML attribute", text: "<log a=\"1\" §a=\"2\"/>", code: .malformedXML),
        Case(name: "end tag without start", text: "§</log>", code: .malformedXML),
        Case(name: "document ends inside a tag", text: "<log>\n<trace>\n§<event key=\"", code: .malformedXML),
        Case(name: "CDATA outside root", text: "§<![CDATA[x]]><log/>", code: .malformedXML),
        Case(name: "invalid name character", text: "<log>\n<tr§!ce>", code: .malformedXML),
        Case(name: "control character in value", text: event + "<string key=\"k\" value=\"a§\u{07}\"/>", code: .malformedXML),
    ]

    func testHandMadeCasesGiveTypedPositionedErrors() {
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        for c in cases {
            let (text, line, column) = Self.locateMarker(c.text)
            XCTAssertThrowsError(try XESReader().read(bytes: Array(text.utf8), name: "case.xes"), c.name) { error in
                guard let e = error as? EventLogError else { return XCTFail("\(c.name): untyped \(error)") }
                XCTAssertEqual(e.code, c.code, "\(c.name): \(e.detailedDescription)")
                XCTAssertEqual(e.location.file, "case.xes", c.name)
                XCTAssertEqual(e.location.line, line, "\(c.name): \(e.detailedDescription)")
                XCTAssertEqual(e.location.column, column, "\(c.name): \(e.detailedDescription)")
                XCTAssertLessThanOrEqual(e.excerpt?.count ?? 0, 60, c.name)
            }
        }
    }

    func testDeeplyNestedAttributesAreRefused() {
        let depth = 100_000
        let text = "<log><trace><event>" + String(repeating: "<container key=\"c\">", count: depth)
            + String(repeating: "</container>", count: depth) + "</event></trace></log>"
        XCTAssertThrowsError(try XESReader().read(bytes: Array(text.utf8))) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .unexpectedElement)
        }
        let lenient = try? XESReader(options: ImportOptions(lenient: true)).read(bytes: Array(text.utf8))
        XCTAssertEqual(lenient?.problems.count, 1)
        XCTAssertEqual(lenient?.log.eventCount, 1)
    }

    func testEmptyInputs() {
        for text in ["", "  \n\t ", "\u{FEFF}", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n"] {
            XCTAssertThrowsError(try XESReader().read(bytes: Array(text.utf8))) { error in
                XCTAssertEqual((error as? EventLogError)?.code, .emptyFile, text.debugDescription)
            }
        }
    }

    func testUTF16IsRejectedClearly() {
        XCTAssertThrowsError(try XESReader().read(bytes: [0xFF, 0xFE, 0x3C, 0x00])) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .unsupportedFormat)
        }
    }

    func testTruncatedAndCorruptGzip() throws {
        let gz = try XESWriter().bytes(try XESReader().read(bytes: Array(XESFixtures.allTypes.utf8)).log, compressed: true)
        for cut in [2, 10, gz.count / 2, gz.count - 4, gz.count - 1] {
            XCTAssertThrowsError(try XESReader().read(bytes: Array(gz[..<cut]))) { error in
                XCTAssertEqual((error as? EventLogError)?.code, .truncatedGzip, "cut at \(cut)")
            }
        }
        var badChecksum = gz
        badChecksum[gz.count - 6] ^= 0xFF
        XCTAssertThrowsError(try XESReader().read(bytes: badChecksum)) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .corruptGzip)
        }
        var badHeader = gz
        badHeader[2] = 99
        XCTAssertThrowsError(try XESReader().read(bytes: badHeader)) { error in
            XCTAssertEqual((error as? EventLogError)?.code, .corruptGzip)
        }
    }

    func testGzipExtensionWithoutGzipContent() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-gzip-\(UUID().uuidString).xes.gz")
        try Data("<log/>".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try EventLog(contentsOf: url)) { XCTAssertEqual(($0 as? EventLogError)?.code, .corruptGzip) }
    }

    /// ≥ 500 seeded truncations and byte flips of real logs (each input capped near 32 KB).
    func testSeededTruncationsAndByteFlipsOfRealLogs() throws {
        let documents = try Self.realDocuments()
        var random = SplitMix64(seed: 0x7ACE_5EED)
        var outcomes: [String: Int] = [:]
        var total = 0
        for document in documents {
            let end = Self.endOfRoot(document)
            for _ in 0 ..< 40 {
                let cut = Int(random.next() % UInt64(document.count))
                let outcome = Self.outcome(Array(document[..<cut]))
                if cut < end { XCTAssertNotEqual(outcome, "log", "a truncated document must not load (cut \(cut))") }
                outcomes[outcome, default: 0] += 1
                total += 1
            }
            for _ in 0 ..< 40 {
                var flipped = document
                for _ in 0 ... random.next() % 4 {
                    flipped[Int(random.next() % UInt64(flipped.count))] = UInt8(truncatingIfNeeded: random.next())
                }
                outcomes[Self.outcome(flipped), default: 0] += 1
                total += 1
            }
            let gz = try XESWriter().bytes(try XESReader().read(bytes: document).log, compressed: true)
            for _ in 0 ..< 8 {
                let cut = Int(random.next() % UInt64(gz.count))
                XCTAssertNotEqual(Self.outcome(Array(gz[..<cut])), "log", "a truncated gzip must not load")
                var flipped = gz
                flipped[Int(random.next() % UInt64(gz.count))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                outcomes[Self.outcome(flipped), default: 0] += 1
                total += 2
            }
        }
        XCTAssertGreaterThanOrEqual(total, 500)
        XCTAssertNil(outcomes["untyped"], "every failure must be an EventLogError: \(outcomes)")
        print("malformed corpus: \(total) cases, outcomes \(outcomes.sorted { $0.key < $1.key })")
    }

    // MARK: Helpers

    /// "log" for a valid log (its structure checked), the error code for an ``EventLogError``, "untyped" otherwise.
    private static func outcome(_ bytes: [UInt8]) -> String {
        do {
            let log = try XESReader().read(bytes: bytes).log
            precondition(log.caseOffsets.last == log.eventCount && log.traceAttributes.rowCount == log.caseCount)
            return "log"
        } catch let error as EventLogError {
            return error.code.rawValue
        } catch {
            return "untyped"
        }
    }

    /// The offset just past `</log>`: any cut before it leaves the root unclosed.
    private static func endOfRoot(_ bytes: [UInt8]) -> Int {
        let close = Array("</log>".utf8)
        var i = bytes.count - close.count
        while i >= 0 && Array(bytes[i ..< i + close.count]) != close { i -= 1 }
        return i + close.count
    }

    /// Real logs cut to their first cases, re-exported so that each document stays under ~32 KB.
    private static func realDocuments() throws -> [[UInt8]] {
        var documents: [[UInt8]] = [Array(XESFixtures.allTypes.utf8)]
        for (file, _) in SharedData.referenceLogs {
            let full = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            var header = full.header
            if header.attributes.count > 20 { header.attributes = Array(header.attributes.prefix(3)) }
            var cases = min(full.caseCount, 40)
            while true {
                let part = full.selectingCases(Array(0 ..< cases))
                let small = EventLog(caseOffsets: part.caseOffsets, eventAttributes: part.eventAttributes,
                                     traceAttributes: part.traceAttributes, header: header)
                let bytes = try XESWriter().bytes(small)
                if bytes.count <= 32_768 || cases == 1 {
                    documents.append(bytes)
                    break
                }
                cases = max(1, cases / 2)
            }
        }
        return documents
    }

    /// Removes the `§` marker and returns the text with the marker's 1-based line and column.
    private static func locateMarker(_ marked: String) -> (String, Int, Int) {
        var line = 1
        var column = 1
        for ch in marked {
            if ch == "§" { break }
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (marked.replacingOccurrences(of: "§", with: ""), line, column)
    }
}
