import EventLog
import Foundation
import TracewiseTestSupport
import XCTest

/// A PM4Py `reference/<log>/summary.json`, decoded with `JSONDecoder` (which parses doubles exactly;
/// `JSONSerialization` on Linux may be off by an ulp), and the comparison of our statistics with it.
struct ReferenceSummary: Decodable {
    struct Durations: Decodable {
        var min: Double
        var max: Double
        var mean: Double
        var median: Double
    }

    struct VariantEntry: Decodable {
        var activities: [String]
        var count: Int

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            activities = try container.decode([String].self)
            count = try container.decode(Int.self)
        }
    }

    var cases: Int
    var events: Int
    var activities: [String: Int]
    var start_activities: [String: Int]
    var end_activities: [String: Int]
    var variants: [VariantEntry]
    var case_duration_seconds: Durations

    static func load(_ reference: String) throws -> ReferenceSummary {
        let url = try SharedData.require("reference/\(reference)/summary.json")
        return try JSONDecoder().decode(ReferenceSummary.self, from: Data(contentsOf: url))
    }

    static func assertMatches(_ stats: LogStatistics, reference: String, checkDurations: Bool = true,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let summary = try load(reference)
        XCTAssertEqual(stats.caseCount, summary.cases, "\(reference) cases", file: file, line: line)
        XCTAssertEqual(stats.eventCount, summary.events, "\(reference) events", file: file, line: line)
        XCTAssertEqual(stats.activities, summary.activities, "\(reference) activities", file: file, line: line)
        XCTAssertEqual(stats.startActivities, summary.start_activities, "\(reference) start", file: file, line: line)
        XCTAssertEqual(stats.endActivities, summary.end_activities, "\(reference) end", file: file, line: line)
        let expected = summary.variants.map { Variant(activities: $0.activities, count: $0.count) }
        XCTAssertEqual(stats.variants.count, expected.count, "\(reference) variant count", file: file, line: line)
        let firstMismatch = zip(stats.variants, expected).enumerated().first { $0.element.0 != $0.element.1 }
        XCTAssertNil(firstMismatch.map { "variant #\($0.offset): \($0.element.0) vs \($0.element.1)" },
                     "\(reference) variants", file: file, line: line)
        guard checkDurations else { return }
        let durations = summary.case_duration_seconds
        XCTAssertEqual(stats.caseDurations.min, durations.min, "\(reference) min duration", file: file, line: line)
        XCTAssertEqual(stats.caseDurations.max, durations.max, "\(reference) max duration", file: file, line: line)
        XCTAssertEqual(stats.caseDurations.median, durations.median, "\(reference) median duration", file: file, line: line)
        XCTAssertEqual(stats.caseDurations.mean, durations.mean, "\(reference) mean duration", file: file, line: line)
    }
}
