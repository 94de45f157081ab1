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
            #"{"id":"a","tenantId":"t","text":"\ud83d\ude00","domain":"d","domain":"e"}"#,
        ].map { Data($0.utf8) }
        for document in documents {
            let record = try MemoryRecord(entryJSON: document, vectorBytes: bytes)
            XCTAssertEqual(record.entry, try JSONDecoder().decode(MemoryEntry.self, from: document), String(decoding: document, as: UTF8.self))
            XCTAssertEqual(record.vector.map(\.bitPattern), vector.map(\.bitPattern))
        }
        for refused in [#"{"id":1,"tenantId":"t","text":"x"}"#, #"{"tenantId":"t","text":"x"}"#, #"{"id":"a","tenantId":"t","text":"x","severity":2}"#,
                        "[]", #"{"id":"a""#, ""] {
            XCTAssertThrowsError(try JSONDecoder().decode(MemoryEntry.self, from: Data(refused.utf8)))
            XCTAssertThrowsError(try MemoryRecord(entryJSON: Data(refused.utf8), vectorBytes: bytes), refused)
        }
        XCTAssertThrowsError(try MemoryRecord(entryJSON: documents[0], vectorBytes: bytes.dropLast()))
    }
}
