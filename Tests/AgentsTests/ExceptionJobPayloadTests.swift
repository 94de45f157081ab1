import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// Workers read each job's payload with Packs' JSON reader; the result must be what `JSONDecoder` decodes, and
/// what `JSONDecoder` refuses must still be refused.
final class ExceptionJobPayloadTests: XCTestCase {
    func testQueuedPayloadsDecodeAsJSONDecoderDecodesThem() throws {
        let exceptions: [PackValue] = [
            ["exceptionId": "PAY-1", "tenantId": "acme", "exceptionType": "PAYMENT_STUCK", "payload": ["paymentId": "P-1", "amount": 12.5]],
            ["payload": ["text": "quote \" slash / tab \t ünïcødé ✓ \u{1F}", "n": [1, -0.0, 1e300, 5e-324, 0.1, 9_007_199_254_740_993]]],
            .null, true, 3, "text", [], [:],
        ]
        var documents = try exceptions.map { Array(try StoreJSON.encode(ExceptionJobPayload(bundle: "b/1", exception: $0))) }
        documents += [
            #"{"exception":{"a":1},"bundle":"b","extra":[1,2]}"#, #" { "bundle" : "b" , "exception" : [ ] } "#,
            #"{"bundle":"b","exception":{"a":1,"a":2}}"#, #"{"bundle":"b","bundle":"c","exception":1}"#,
            #"{"bundle":"\ud83d\ude00\u00e9","exception":"\u0000"}"#,
        ].map { Array($0.utf8) }
        for document in documents {
            let expected = try JSONDecoder().decode(ExceptionJobPayload.self, from: Data(document))
            XCTAssertEqual(try ExceptionJobPayload(queued: document), expected, String(decoding: document, as: UTF8.self))
        }
        for refused in [#"{"bundle":1,"exception":1}"#, #"{"exception":1}"#, #"{"bundle":"b"}"#, "[]", #"{"bundle":"b","exception":1"#, ""] {
            XCTAssertThrowsError(try JSONDecoder().decode(ExceptionJobPayload.self, from: Data(refused.utf8)))
            XCTAssertThrowsError(try ExceptionJobPayload(queued: Array(refused.utf8)), refused)
        }
        let invalidUTF8: [UInt8] = Array(#"{"bundle":"b","exception":""#.utf8) + [0xFF, 0x22, 0x7D]
        XCTAssertThrowsError(try JSONDecoder().decode(ExceptionJobPayload.self, from: Data(invalidUTF8)))
        XCTAssertThrowsError(try ExceptionJobPayload(queued: invalidUTF8))
    }
}
