import EventLog
import TracewiseConnectors
import XCTest

final class SourceTimestampTests: XCTestCase {
    func testEveryDocumentedFormParsesToTheSameInstant() {
        let expected: Int64 = 1_687_634_690_000_000  // 2023-06-24T19:24:50Z
        XCTAssertEqual(SourceTimestamp.microseconds("2023-06-24T19:24:50.000+0000"), expected)  // Jira, Salesforce
        XCTAssertEqual(SourceTimestamp.microseconds("2023-06-24T19:24:50Z"), expected)  // HubSpot, Marketo
        XCTAssertEqual(SourceTimestamp.microseconds("2023-06-24T21:24:50+02:00"), expected)
        XCTAssertEqual(SourceTimestamp.microseconds("/Date(1687634690000+0000)/"), expected)  // Xero
        XCTAssertEqual(SourceTimestamp.microseconds("/Date(1687634690000)/"), expected)
        XCTAssertEqual(SourceTimestamp.microseconds("2023-06-24T12:24:50.000000000-07:00"), expected)  // Ollama-style nanoseconds
    }

    func testRejectsWhatIsNotADate() {
        for text in ["", "yesterday", "2023-13-01", "2023-02-30T00:00:00Z", "/Date(abc)/", "/Date(123", "2023-06-24T19:24:50+2"] {
            XCTAssertNil(SourceTimestamp.microseconds(text), text)
        }
    }

    func testFormatsRoundTrip() {
        for micros: Int64 in [0, 1_687_634_690_000_000, 1_687_634_690_123_456, -86_400_000_000] {
            XCTAssertEqual(SourceTimestamp.microseconds(SourceTimestamp.iso8601(micros)), micros)
        }
        XCTAssertEqual(SourceTimestamp.iso8601(1_687_634_690_000_000), "2023-06-24T19:24:50Z")
    }
}
