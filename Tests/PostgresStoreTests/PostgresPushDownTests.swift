import Discovery
import EventLog
import Foundation
import StoreConformance
import TracewisePostgres
import TracewiseTestSupport
import XCTest

/// SQL push-down equals the in-memory computation exactly, on every event log in ../shared/datasets.
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
}
