import Agents
import EventLog
import Foundation
import XCTest

/// Workers read every memory entry the others remember with Packs' JSON reader; a record must decode to what
/// `JSONDecoder` gives, and what it refuses must still be refused.
final class MemoryRecordDecodingTests: XCTestCase {
    func testStoredEntriesDecodeAsJSONDecoderDecodesThem() throws {
        let vector: [Float] = [0, -0.0, 1, -1.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, 0.1]
        let bytes = MemoryRecord(entry: MemoryEntry(id: "x", tenantID: "t", text: ""), vector: vector).vectorBytes
        let entries = [
            MemoryEntry(id: "PAY-1", tenantID: "acme", text: "PAYMENT STUCK paymentId: P-1", exceptionType: "PAYMENT_STUCK",
                        severity: "LOW", domain: "payments", outcome: "RESOLVED via release"),
            MemoryEntry(id: "e/2", tenantID: "acme", text: "quote \" slash / tab \t ünïcødé ✓ \u{1F}"),
            MemoryEntry(id: "", tenantID: "", text: "", exceptionType: "", severity: nil, domain: "", outcome: nil),
        ]
        var documents = try entries.map { try StoreJSON.encode($0) }
        documents += [
            #"{"id":"a","tenantId":"t","text":"x","severity":null,"extra":[1]}"#, #" { "text" : "x" , "tenantId" : "t", "id" : "a" } "#,
            #"{"id":"a","tenantId":"t","text":"\ud83d\ude00","domain":"d","domain":"e"}"#, #"{"id":"a","tenantId":"t","text":"x",}"#,
        ].map { Data($0.utf8) }
        for document in documents {
            let record = try MemoryRecord(entryJSON: document, vectorBytes: bytes)
            XCTAssertEqual(record.entry, try JSONDecoder().decode(MemoryEntry.self, from: document), String(decoding: document, as: UTF8.self))
            XCTAssertEqual(record.vector.map(\.bitPattern), vector.map(\.bitPattern))
        }
        for refused in [#"{"id":"a","tenantId":"t","text":"x"}x"#, "{\"id\":\"a\",\"tenantId\":\"t\",\"text\":\"x\u{1}\"}",
                        #"{"id":"a","tenantId":"t","text":"x"#, #"{"id":"a","tenantId":"t","text":x}"#, #"{"id":1,"tenantId":"t","text":"x"}"#, #"{"tenantId":"t","text":"x"}"#, #"{"id":"a","tenantId":"t","text":"x","severity":2}"#,
                        "[]", #"{"id":"a""#, ""] {
            XCTAssertThrowsError(try JSONDecoder().decode(MemoryEntry.self, from: Data(refused.utf8)))
            XCTAssertThrowsError(try MemoryRecord(entryJSON: Data(refused.utf8), vectorBytes: bytes), refused)
        }
        XCTAssertThrowsError(try MemoryRecord(entryJSON: documents[0], vectorBytes: bytes.dropLast()))
    }

    /// What workers write (``MemoryRecord/entryJSON``) is read straight from its bytes when no string needs an escape:
    /// random entries (quotes, backslashes, controls, DEL, accents, emoji, empty and absent fields), written by it and by
    /// `JSONEncoder`, and invalid UTF-8 in place of a string, must decode (or be refused) as `JSONDecoder` decodes them.
    func testRandomEntriesDecodeAsJSONDecoderDecodesThem() throws {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "PAYMENT", " ", "P-1", "\"", "\\", "/", "\t", "\n", "\u{1}", "\u{7F}", "é", "e\u{301}", "✓", "😀", "{", "}", ":", ","]
        func string() -> String { (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        func optional() -> String? { Bool.random(using: &random) ? nil : string() }
        let bytes = MemoryRecord(entry: MemoryEntry(id: "x", tenantID: "t", text: ""), vector: [1]).vectorBytes
        for _ in 0..<2_000 {
            let entry = MemoryEntry(id: string(), tenantID: string(), text: string(), exceptionType: optional(), severity: optional(),
                                    domain: optional(), outcome: optional())
            let written = MemoryRecord(entry: entry, vector: [1]).entryJSON
            for document in [Data(written), try StoreJSON.encode(entry)] {
                XCTAssertEqual(try MemoryRecord(entryJSON: document, vectorBytes: bytes).entry, entry, String(decoding: document, as: UTF8.self))
            }
            var corrupted = written
            if let quote = corrupted.lastIndex(of: UInt8(ascii: "\"")), quote > 0 {
                corrupted.insert(contentsOf: [0xC3, 0x28], at: quote)
                let document = Data(corrupted)
                XCTAssertEqual(try? MemoryRecord(entryJSON: document, vectorBytes: bytes).entry, try? JSONDecoder().decode(MemoryEntry.self, from: document))
            }
        }
    }
}
