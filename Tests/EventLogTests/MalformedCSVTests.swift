import EventLog
import Foundation
import XCTest

/// Damaged CSV input never crashes or hangs: every outcome is a log or a typed ``EventLogError``.
final class MalformedCSVTests: XCTestCase {
    private func outcome(_ bytes: [UInt8], lenient: Bool = false) -> String {
        do {
            let result = try CSVReader(options: CSVImportOptions(lenient: lenient)).read(bytes: bytes, name: "fuzz.csv")
            return "ok \(result.log.eventCount)"
        } catch let error as EventLogError {
            XCTAssertNotNil(error.location.file, error.description)
            return error.code.rawValue
        } catch {
            XCTFail("untyped error \(error)")
            return "untyped"
        }
    }

    func testRandomTruncationsAndByteFlipsOfAGeneratedLog() throws {
        let text = try CSVWriter().bytes(SyntheticLog.generate(events: 300, seed: 21))
        let gzipped = try CSVExporterTestsSupport.gzip(text)
        var random = SplitMix64(seed: 99)
        var codes: [String: Int] = [:]
        for trial in 0..<600 {
            var bytes = trial % 3 == 2 ? gzipped : text
            if trial % 2 == 0 {
                bytes = Array(bytes.prefix(random.below(bytes.count)))
            } else {
                for _ in 0..<(1 + random.below(4)) {
                    bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            codes[outcome(bytes, lenient: trial % 5 == 0).split(separator: " ").first.map(String.init) ?? "", default: 0] += 1
        }
        XCTAssertGreaterThan(codes.count, 2, "\(codes)")
        XCTAssertNil(codes["untyped"])
    }

    func testHandWrittenCorpus() {
        let header = "case:concept:name,concept:name,time:timestamp\n"
        let corpus: [(String, String)] = [
            ("", "emptyFile"),
            ("\u{FEFF}", "emptyFile"),
            ("\n\n\r\n", "emptyFile"),
            (header, "ok"),
            (header + "1,a,2024-01-01\n2,\"b", "malformedCSV"),
            (header + "1,a,2024-01-01,extra\n", "malformedCSV"),
            (header + "1,a\n", "malformedCSV"),
            (header + "1,\"a\"b,2024-01-01\n", "malformedCSV"),
            (header + ",a,2024-01-01\n", "missingCaseID"),
            (header + "  ,a,2024-01-01\n", "missingCaseID"),
            (header + "1,,2024-01-01\n", "missingKey"),
            (header + "1,a,2024-02-30\n", "invalidTimestamp"),
            (header + "1,a,2024-01-01T25:00:00\n", "invalidTimestamp"),
            (header + "1,a,2024-01-01T10:00:00+25:00\n", "invalidTimestamp"),
            (header + "1,a,12:00\n", "invalidTimestamp"),
            (header + "1,a,1e999\n", "invalidTimestamp"),
            ("concept:name,time:timestamp\na,2024-01-01\n", "missingColumn"),
            ("case:concept:name,time:timestamp\n1,2024-01-01\n", "missingColumn"),
            ("case:concept:name,concept:name\n1,a\n", "missingColumn"),
            ("\u{0}\u{1}\u{2}binary", "binaryContent"),
            ([UInt8](arrayLiteral: 0x1F, 0x8B, 0x08, 0x00, 0x00).map { String(UnicodeScalar($0)) }.joined(), "corruptGzip|truncatedGzip"),
            (header + "1,a,2024-01-01\r\n1,b,\"2024-01-02\"\r\n", "ok"),
        ]
        for (text, expected) in corpus {
            let bytes = text.unicodeScalars.allSatisfy({ $0.value < 0x80 || $0 == "\u{FEFF}" }) && !text.hasPrefix("\u{1F}")
                ? Array(text.utf8) : text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            let got = outcome(bytes)
            let accepted = expected.split(separator: "|").map(String.init)
            XCTAssertTrue(accepted.contains { got.hasPrefix($0) }, "\(text.debugDescription): expected \(expected), got \(got)")
        }
    }
}

/// Gzip helper for tests: writes through the public exporter path into a temporary `.csv.gz` and reads it back.
enum CSVExporterTestsSupport {
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let log = try CSVReader().read(bytes: bytes).log
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-fuzz-\(getpid()).csv.gz")
        defer { try? FileManager.default.removeItem(at: url) }
        try CSVWriter().write(log, to: url)
        return Array(try Data(contentsOf: url))
    }
}
