import TracewiseHTTP
import XCTest

final class StreamDecoderTests: XCTestCase {
    /// Every way of cutting `bytes` into two or three chunks.
    private func splits(_ bytes: [UInt8]) -> [[[UInt8]]] {
        var result: [[[UInt8]]] = [[bytes]]
        for i in 0...bytes.count {
            result.append([Array(bytes[..<i]), Array(bytes[i...])])
            for j in stride(from: i, through: bytes.count, by: 3) {
                result.append([Array(bytes[..<i]), Array(bytes[i..<j]), Array(bytes[j...])])
            }
        }
        return result
    }

    func testSSEDecodesTheSameEventsWhereverTheStreamIsSplit() throws {
        let text = "\u{FEFF}: comment\r\nevent: message_start\r\ndata: {\"a\":\"é😀\"}\r\n\r\nevent: ping\ndata: {}\n\n"
            + "data: line one\rdata:line two\r\rid: 7\nretry: 1500\ndata: x\n\ndata: unfinished"
        let expected = [
            ServerSentEvent(event: "message_start", data: "{\"a\":\"é😀\"}"),
            ServerSentEvent(event: "ping", data: "{}"),
            ServerSentEvent(event: "message", data: "line one\nline two"),
            ServerSentEvent(event: "message", data: "x", id: "7", retry: 1500),
        ]
        for chunks in splits(Array(text.utf8)) {
            var decoder = SSEDecoder()
            var events: [ServerSentEvent] = []
            for chunk in chunks { events += try decoder.feed(chunk) }
            events += decoder.finish()
            XCTAssertEqual(events, expected, "split as \(chunks.map(\.count))")
        }
    }

    func testSSEIgnoresEventsWithoutData() throws {
        var decoder = SSEDecoder()
        XCTAssertEqual(try decoder.feed(Array("event: ping\n\n:keep-alive\n\n".utf8)), [])
    }

    func testSSERejectsInvalidUTF8AndEndlessLines() {
        var decoder = SSEDecoder()
        XCTAssertThrowsError(try decoder.feed([0x64, 0x61, 0x74, 0x61, 0x3A, 0xFF, 0x0A, 0x0A]))
        var lines = LineSplitter(maxLineLength: 8)
        XCTAssertThrowsError(try lines.feed(Array("0123456789".utf8)))
    }

    func testNDJSONSplitsRecordsAtAnyBoundaryAndKeepsAFinalUnterminatedRecord() throws {
        let text = "{\"a\":1}\n\n{\"b\":\"ü\"}\r\n   \n{\"c\":3}"
        for chunks in splits(Array(text.utf8)) {
            var decoder = NDJSONDecoder()
            var records: [String] = []
            for chunk in chunks { records += try decoder.feed(chunk).map { String(decoding: $0, as: UTF8.self) } }
            if let last = decoder.finish() { records.append(String(decoding: last, as: UTF8.self)) }
            XCTAssertEqual(records, ["{\"a\":1}", "{\"b\":\"ü\"}", "{\"c\":3}"], "split as \(chunks.map(\.count))")
        }
    }
}
