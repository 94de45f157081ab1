import EventLog
import XCTest

/// The scanner's text mode (what OCEL XML needs): element text with entities, character references and
/// CDATA decoded, comments left out and line ends normalised; UTF-8 checking; tag positions. Every case
/// runs with buffers small enough that text, references and UTF-8 sequences are cut at every offset.
final class XMLScannerTextTests: XCTestCase {
    private static let chunkSizes = [1, 2, 3, 5, 7, 13, 64, 1 << 16]

    /// (element name, text at its end tag) for every element with an end tag, in document order.
    private func texts(_ xml: [UInt8], chunkSize: Int) throws -> [(String, String)] {
        var scanner = XMLScanner(source: MemoryByteSource(xml), fileName: "t.xml", collectsText: true, validatesUTF8: true,
                                 chunkSize: chunkSize)
        var result: [(String, String)] = []
        while true {
            switch try scanner.next() {
            case .startTag: continue
            case .endTag: result.append((scanner.nameText, String(decoding: scanner.text, as: UTF8.self)))
            case .endOfDocument: return result
            }
        }
    }

    func testTextIsDecodedAtEveryChunkSize() throws {
        let xml = "<?xml version='1.0'?>\r\n<log>\r\n <a>plain</a><b>x &amp; y &lt;&gt; &quot;&apos; &#65;&#x42;&#x1D11E;</b>"
            + "<c><![CDATA[<raw> & ]]>tail</c><d>one<!-- gone -->two<?pi skipped?>three</d><e>line1\r\nline2\rline3\nline4</e>"
            + "<f>é ✓ 𝄞 ü</f><g/><h></h><i>\t spaced \t</i></log>"
        let expected = [("a", "plain"), ("b", "x & y <> \"' AB𝄞"), ("c", "<raw> & tail"), ("d", "onetwothree"),
                        ("e", "line1\nline2\nline3\nline4"), ("f", "é ✓ 𝄞 ü"), ("h", ""), ("i", "\t spaced \t")]
        for size in Self.chunkSizes {
            let found = try texts(Array(xml.utf8), chunkSize: size)
            XCTAssertEqual(found.count, expected.count + 1, "chunk size \(size)")
            for (got, want) in zip(found, expected) {
                XCTAssertEqual(got.0, want.0, "chunk size \(size)")
                XCTAssertEqual(got.1, want.1, "chunk size \(size), <\(want.0)>")
            }
            XCTAssertEqual(found.last?.0, "log")
        }
    }

    func testWithoutTextModeTextIsNotReported() throws {
        var scanner = XMLScanner(source: MemoryByteSource(Array("<log><a>value</a></log>".utf8)), fileName: nil)
        _ = try scanner.next()
        _ = try scanner.next()
        XCTAssertEqual(try scanner.next(), .endTag)
        XCTAssertEqual(scanner.text.count, 0)
    }

    func testBadTextGivesPositionedErrors() throws {
        let cases: [(String, Int, Int)] = [
            ("<log>\n  <a>x &bogus; y</a></log>", 2, 8),
            ("<log>\n<a>ok</a>\n<b>x \u{01} y</b></log>", 3, 6),
            ("<log>\n<a>x &#0; y</a></log>", 2, 6),
        ]
        for (xml, line, column) in cases {
            for size in Self.chunkSizes {
                XCTAssertThrowsError(try texts(Array(xml.utf8), chunkSize: size), "\(xml) at chunk size \(size)") { error in
                    let e = error as? EventLogError
                    XCTAssertEqual(e?.code, .malformedXML)
                    XCTAssertEqual(e?.location.line, line, xml)
                    XCTAssertEqual(e?.location.column, column, xml)
                }
            }
        }
    }

    func testInvalidUTF8IsRefusedWhereItIs() throws {
        let valid = Array("<log>\n<a v='é'>✓ 𝄞</a>\n</log>".utf8)
        for size in Self.chunkSizes { XCTAssertEqual(try texts(valid, chunkSize: size).first?.1, "✓ 𝄞") }
        let broken: [[UInt8]] = [
            Array("<log>\n<a>ab".utf8) + [0xFF] + Array("</a></log>".utf8),
            Array("<log>\n<a>ab".utf8) + [0xE2, 0x9C] + Array("</a></log>".utf8),
            Array("<log>\n<a v='".utf8) + [0xC3] + Array("'/></log>".utf8),
            Array("<log>\n<a>ab".utf8) + [0xED, 0xA0, 0x80] + Array("</a></log>".utf8),
            Array("<log>\n<a>ab</a></log>\n".utf8) + [0xF0, 0x9D],
        ]
        for bytes in broken {
            for size in Self.chunkSizes {
                XCTAssertThrowsError(try texts(bytes, chunkSize: size), "chunk size \(size)") { error in
                    XCTAssertEqual((error as? EventLogError)?.code, .malformedXML)
                    XCTAssertGreaterThanOrEqual((error as? EventLogError)?.location.line ?? 0, 2)
                }
            }
        }
    }

    func testTagLocationsInDocumentOrder() throws {
        let xml = "<log>\n  <a>é</a>\n\t<b x='1\n2'/>  <c>\n</c></log>"
        let expected = [(1, 1), (2, 3), (2, 7), (3, 2), (4, 7), (5, 1), (5, 5)]
        for size in Self.chunkSizes {
            var scanner = XMLScanner(source: MemoryByteSource(Array(xml.utf8)), fileName: nil, collectsText: true, chunkSize: size)
            var found: [(Int, Int)] = []
            while try scanner.next() != .endOfDocument { found.append(scanner.tagLocation()) }
            XCTAssertEqual(found.map(\.0), expected.map(\.0), "lines at chunk size \(size)")
            XCTAssertEqual(found.map(\.1), expected.map(\.1), "columns at chunk size \(size)")
        }
    }
}
