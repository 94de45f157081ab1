import Agents
import Foundation
import XCTest

/// The text an exception is remembered and searched by spaces its type name byte by byte when the name is ASCII;
/// it must be exactly what Foundation's `replacingOccurrences(of: "_", with: " ")` wrote before, for any text.
final class MemoryTextTests: XCTestCase {
    func testSpacedTypeIsWhatReplacingOccurrencesWrites() {
        var random = SystemRandomNumberGenerator()
        let ascii = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        let pieces = ascii + ["_", "_", "__", "é", "e\u{301}", "_\u{301}", "\u{301}_", "数据", "👩‍👩‍👧", "\u{FF3F}", "ß", "\r\n", "\u{0}"]
        var samples = ["", "_", "PAYMENT_STUCK", "SETTLEMENT_FAIL", "A__B_", "_\u{301}X", "café_crème", "ＰＡＹ＿ＭＥＮＴ"]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        for sample in samples {
            let expected = sample.replacingOccurrences(of: "_", with: " ")
            XCTAssertEqual(Array(MemoryText.spaced(sample).utf8), Array(expected.utf8), "\(Array(sample.unicodeScalars))")
        }
    }
}
