import EventLog
import Foundation
import StoreConformance
import TracewiseSQLite
import TracewiseTestSupport
import XCTest

/// Real logs from ../shared survive a SQLite round trip unchanged.
final class SQLiteSharedLogTests: XCTestCase {
    func testSharedLogsRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path)
        for file in ["running-example.xes", "02_teleclaims.xes.gz", "running-example.csv", "bpic2012.xes.gz"] {
            let log = try EventLog(contentsOf: try SharedData.require("datasets/\(file)"))
            let info = try await store.importLog(log, name: file, tenant: "acme")
            XCTAssertEqual(info.events, log.eventCount)
            let loaded = try await store.load(file, tenant: "acme")
            EventLogStoreConformance.assertSameLog(loaded, log)
            XCTAssertEqual(StatisticsSummary(LogStatistics(loaded)), StatisticsSummary(LogStatistics(log)), file)
        }
    }
}
