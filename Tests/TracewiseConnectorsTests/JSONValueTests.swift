import Foundation
import TracewiseConnectors
import XCTest

/// Page bodies are read by the package's hand-written JSON parser; it must read every document exactly as
/// Foundation's `JSONDecoder` does, and say where a broken one breaks.
final class JSONValueTests: XCTestCase {
    private let documents = [
        #"{"issues":[{"key":"AB-1","fields":{"status":{"name":"Done"},"updated":"2025-01-10T08:00:00.000+0000"}}],"isLast":true}"#,
        #"{"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v60.0/query/01g-2000","records":[{"Id":"006A","Amount":1250.5,"IsWon":false,"CloseDate":null}]}"#,
        #"[1, -0, 0.5, -12.25e3, 1E-7, 9007199254740993, 12345678901234567890, true, false, null, "", [], {}]"#,
        #"{"text":"line\nbreak \"quoted\" tab\t slash\/ back\\ \u00e9 \ud83d\ude00 snowman ☃","nested":{"a":{"b":{"c":[[[]]]}}}}"#,
        "  \n\t{\"padded\" : [ 1 , 2 ] }  \n",
        #"{"Date":"\/Date(1736496000000+0000)\/","UpdatedDateUTC":"\/Date(1736496000000)\/"}"#,
    ]

    func testDocumentsReadAsFoundationReadsThem() throws {
        for document in documents {
            let data = Data(document.utf8)
            XCTAssertEqual(try JSONValue(data: data), try JSONDecoder().decode(JSONValue.self, from: data), document)
        }
        XCTAssertEqual(try JSONValue(data: Data(#"{"a":[1,"x",null]}"#.utf8)),
                       .object(["a": .array([.number(1), .string("x"), .null])]))
    }

    func testBrokenDocumentsNameTheLineAndColumn() {
        let broken: [(String, String)] = [
            ("{\"a\":1,\n \"b\":tru}", "line 2, column 6"),
            (#"{"a":1,"a":2}"#, "line 1, column 8: duplicate member name 'a'"),
            ("[1,\n2,\n]", "line 3, column 1"),
            (#"{"a":"unterminated}"#, "unterminated string"),
            (#"[1e999]"#, "line 1, column 2: number 1e999 is out of range"),
            (#"{"a":1} trailing"#, "unexpected content after the JSON value"),
            (String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "nesting deeper than 256 levels"),
            ("", "unexpected end of input"),
        ]
        for (document, expected) in broken {
            XCTAssertThrowsError(try JSONValue(data: Data(document.utf8)), document) { error in
                guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(context.debugDescription.contains(expected), "\(document): \(context.debugDescription)")
            }
        }
    }
}
