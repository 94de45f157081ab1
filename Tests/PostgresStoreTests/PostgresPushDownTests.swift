import Discovery
import EventLog
import Foundation
import PostgresTestSupport
import StoreConformance
import TracewisePostgres
import TracewiseTestSupport
import XCTest

/// SQL push-down equals the in-memory computation exactly, and a stored log loads back equal, on every event log
/// in ../shared/datasets.
final class PostgresPushDownTests: XCTestCase {
    func testPushDownEqualsInMemoryOnEverySharedLog() async throws {
        let datasets = try SharedData.require("datasets")
        let files = try FileManager.default.contentsOfDirectory(atPath: datasets.path).sorted().filter { file in
            [".xes", ".xes.gz", ".csv", ".csv.gz"].contains { file.hasSuffix($0) }
        }
        XCTAssertGreaterThanOrEqual(files.count, 10)
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        for file in files {
            let log = try EventLog(contentsOf: datasets.appendingPathComponent(file))
            _ = try await store.importLog(log, name: file, tenant: "acme")
            let dfg = try await store.directlyFollowsSummary(of: file, tenant: "acme")
            XCTAssertEqual(dfg, DirectlyFollowsSummary(log), "dfg of \(file)")
            let stats = try await store.statisticsSummary(of: file, tenant: "acme")
            XCTAssertEqual(stats, StatisticsSummary(LogStatistics(log)), "stats of \(file)")
            let durations = try await store.caseDurations(of: file, tenant: "acme")
            XCTAssertEqual(durations, LogStatistics(log).caseDurations, "case durations of \(file)")
            EventLogStoreConformance.assertSameLog(try await store.load(file, tenant: "acme"), log)
        }
        store.close()
        try await database.drop()
    }

    func testFiltersPushedDownEqualInMemoryFilters() async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        for file in ["running-example.xes", "02_teleclaims.xes.gz"] {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            _ = try await store.importLog(log, name: file, tenant: "acme")
            let times = log.timestamps.filter { $0 != Timestamp.missing }.sorted()
            let from = times[times.count / 4], to = times[times.count * 3 / 4]
            let frequent = Set(LogStatistics(log).activities.sorted { $0.value > $1.value }.prefix(3).map(\.key))
            var filters: [StoredLogFilter] = [StoredLogFilter(activities: frequent)]
            for mode in [TimeRangeMode.contained, .intersecting, .trimEvents] {
                let range = StoredLogFilter.TimeRange(fromMicroseconds: from, toMicroseconds: to, mode: mode)
                filters.append(StoredLogFilter(timeRange: range))
                filters.append(StoredLogFilter(timeRange: range, activities: frequent))
            }
            for filter in filters {
                let filtered = filter.apply(to: log)
                XCTAssertGreaterThan(filtered.eventCount, 0, "\(file) \(filter) selects nothing: a vacuous check")
                let dfg = try await store.directlyFollowsSummary(of: file, tenant: "acme", filter: filter)
                XCTAssertEqual(dfg, DirectlyFollowsSummary(filtered), "dfg of \(file) with \(filter)")
                let stats = try await store.statisticsSummary(of: file, tenant: "acme", filter: filter)
                XCTAssertEqual(stats, StatisticsSummary(LogStatistics(filtered)), "stats of \(file) with \(filter)")
                let durations = try await store.caseDurations(of: file, tenant: "acme", filter: filter)
                XCTAssertEqual(durations, LogStatistics(filtered).caseDurations, "durations of \(file) with \(filter)")
            }
        }
        do {
            _ = try await store.directlyFollowsSummary(of: "running-example.xes", tenant: "other")
            XCTFail("another tenant's log must not be found")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .notFound)
        }
        store.close()
        try await database.drop()
    }

    func testAttributeFiltersPushedDownEqualInMemoryFilters() async throws {
        let database = try await PostgresTestDatabase.create()
        let store = try await PostgresStore(configuration: database.configuration)
        for file in ["running-example.xes", "02_teleclaims.xes.gz"] {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            _ = try await store.importLog(log, name: file, tenant: "acme")
            var conditions: [StoredLogFilter.AttributeCondition] = []
            // Two event attributes with more than two values (so keeping the two commonest is a real selection).
            for key in log.eventAttributes.keys.sorted() where !["concept:name", "time:timestamp"].contains(key) && conditions.count < 8 {
                let column = try XCTUnwrap(log.eventAttributes.column(key))
                let common = Self.mostFrequent((0..<log.eventCount).compactMap { column[$0] }, 3)
                guard common.count == 3 else { continue }
                // A value of another type never matches: values compare typed.
                let values = Set(common.prefix(2) + [.int(1), .boolean(true)])
                conditions.append(.init(key: key, values: values, scope: .events))
                conditions.append(.init(key: key, values: [common[2]], scope: .events, keep: false))
                conditions.append(.init(key: key, values: [common[1]], scope: .casesWithEvent))
                conditions.append(.init(key: key, values: [common[2]], scope: .casesWithEvent, keep: false))
            }
            let caseNames = try XCTUnwrap(log.traceAttributes.column("concept:name"))
            let someCases = Set((0..<min(log.caseCount, 5)).compactMap { caseNames[$0 * max(1, log.caseCount / 5)] })
            conditions.append(.init(key: "concept:name", values: someCases, scope: .trace))
            conditions.append(.init(key: "concept:name", values: someCases, scope: .trace, keep: false))
            XCTAssertEqual(conditions.count, 10, "\(file) offers too few attributes for a meaningful check")
            var selective = 0

            let times = log.timestamps.filter { $0 != Timestamp.missing }.sorted()
            let range = StoredLogFilter.TimeRange(fromMicroseconds: times[times.count / 5], toMicroseconds: times[times.count * 4 / 5],
                                                  mode: .intersecting)
            let frequent = Set(LogStatistics(log).activities.sorted { $0.value > $1.value }.prefix(4).map(\.key))
            for condition in conditions {
                for filter in [StoredLogFilter(attribute: condition),
                               StoredLogFilter(timeRange: range, activities: frequent, attribute: condition)] {
                    let filtered = filter.apply(to: log)
                    let dfg = try await store.directlyFollowsSummary(of: file, tenant: "acme", filter: filter)
                    XCTAssertEqual(dfg, DirectlyFollowsSummary(filtered), "dfg of \(file) with \(condition)")
                    let stats = try await store.statisticsSummary(of: file, tenant: "acme", filter: filter)
                    XCTAssertEqual(stats, StatisticsSummary(LogStatistics(filtered)), "stats of \(file) with \(condition)")
                    let durations = try await store.caseDurations(of: file, tenant: "acme", filter: filter)
                    XCTAssertEqual(durations, LogStatistics(filtered).caseDurations, "durations of \(file) with \(condition)")
                }
                let kept = StoredLogFilter(attribute: condition).apply(to: log)
                if kept.eventCount > 0 && kept.eventCount < log.eventCount { selective += 1 }
            }
            XCTAssertGreaterThanOrEqual(selective, 6, "\(file): most conditions keep all or nothing, a vacuous check")
        }
        do {
            let nested = StoredLogFilter(attribute: .init(key: "x", values: [.list([])], scope: .events))
            _ = try await store.variants(of: "running-example.xes", tenant: "acme", filter: nested)
            XCTFail("a list value cannot be filtered in SQL")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .invalidArgument)
        }
        store.close()
        try await database.drop()
    }

    /// The `count` most frequent values, most frequent first (ties by display form).
    private static func mostFrequent(_ values: [AttributeValue], _ count: Int) -> [AttributeValue] {
        var counts: [AttributeValue: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key.displayString) > ($1.value, $0.key.displayString) }.prefix(count).map(\.key)
    }
}
