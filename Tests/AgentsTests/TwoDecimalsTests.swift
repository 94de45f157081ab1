import Agents
import Foundation
import XCTest

/// Triage's similar-case scores are written with two decimals by integer arithmetic; the text must be exactly what
/// `String(format: "%.2f", …)` wrote before, for every number.
final class TwoDecimalsTests: XCTestCase {
    func testTwoDecimalsAreWhatStringFormatWrites() {
        var random = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -0.0, 1, -1, 0.005, 0.015, 0.125, 0.375, 0.625, 0.875, 2.5, 0.995, 0.994999, 1.005, 99.995,
                                 0.2, 0.7599999999999999, 1e-300, 5e-324, -5e-324, 4_503_599_627_370_495.5, 9_007_199_254_740_991,
                                 9_007_199_254_740_992, 1e20, -1e20, .infinity, -.infinity, .nan, .greatestFiniteMagnitude,
                                 .leastNormalMagnitude, -0.004, -0.005, -0.0051]
        for _ in 0..<20_000 {
            samples.append(Double.random(in: -1.5...1.5, using: &random))
            samples.append(Double(Int.random(in: -100_000...100_000, using: &random)) / 800)
            samples.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
        }
        for sample in samples {
            XCTAssertEqual(sample.twoDecimals, String(format: "%.2f", sample), "\(sample) bits \(sample.bitPattern)")
        }
    }
}
