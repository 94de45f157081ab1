import EventLog
import Synchronization
import TracewiseConnectors
import XCTest

/// A source held in memory: records with a modification time, paged in modification order, as the real
/// connectors page (ascending by their "updated" field).
private struct MemorySource: Connector {
    struct Item: Sendable { var modified: Int64; var events: [SourceEvent] }
    let source = "memory"
    let items: [Item]
    let pageSize: Int

    func pages(window: PullWindow, after cursor: ConnectorCursor?, options: PullOptions) -> AsyncThrowingStream<ConnectorPage, any Error> {
        let lower = max(window.from, cursor?.highWaterMark ?? window.from)
        let selected = items.filter { $0.modified >= lower && $0.modified < window.to }.sorted { $0.modified < $1.modified }
        return AsyncThrowingStream { continuation in
            for start in stride(from: 0, to: selected.count, by: pageSize) {
                let page = selected[start..<min(start + pageSize, selected.count)]
                continuation.yield(ConnectorPage(endpoint: "/items", records: page.map { .object(["modified": .number(Double($0.modified))]) },
                                                 events: page.flatMap(\.events), highWaterMark: page.map(\.modified).max()))
            }
            continuation.finish()
        }
    }
}

final class PullRunnerTests: XCTestCase {
    private let hour: Int64 = 3_600_000_000

    private func items() -> [MemorySource.Item] {
        (0..<40).map { i in
            let modified = Int64(i) * hour
            let caseID = "C\(i % 7)"
            return .init(modified: modified, events: [SourceEvent(id: "e\(i)", caseID: caseID, activity: ["a", "b", "c"][i % 3],
                                                                  timestamp: modified - hour / 2, resource: "r\(i % 2)")])
        }
    }

    func testTwoIncrementalPullsGiveTheLogOfOneFullPull() async throws {
        let source = MemorySource(items: items(), pageSize: 6)
        let full = try await PullRunner().run(source, window: try PullWindow(from: 0, to: 40 * hour), previous: nil)
        let first = try await PullRunner().run(source, window: try PullWindow(from: 0, to: 25 * hour), previous: nil)
        let second = try await PullRunner().run(source, window: try PullWindow(from: 25 * hour, to: 40 * hour), previous: first.state)
        XCTAssertEqual(second.report.records, 15, "only what changed since the cursor is fetched")
        XCTAssertEqual(first.report.cursor.highWaterMark, 24 * hour)
        XCTAssertEqual(second.report.cursorBefore?.highWaterMark, 24 * hour)
        XCTAssertEqual(second.state.events, full.state.events)
        XCTAssertEqual(LogStatistics(second.log).variants, LogStatistics(full.log).variants)
        XCTAssertEqual(second.log.caseCount, 7)
        XCTAssertEqual(second.report.events, 40)
        XCTAssertTrue(second.report.drift.isEmpty)
    }

    func testAnInterruptedPullResumesFromTheLastCompletePage() async throws {
        let source = MemorySource(items: items(), pageSize: 5)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pull-state-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FilePullStateStore(directory: directory)
        let window = try PullWindow(from: 0, to: 40 * hour)
        let stop = LockedCounter()
        do {
            _ = try await PullRunner(options: PullOptions(checkpointInterval: .zero)).run(source, window: window, previous: nil) { state in
                try await store.save(state, tenant: "acme", source: "memory")
                if stop.increment() == 3 { throw CancellationError() }
            }
            XCTFail("the pull should have been stopped")
        } catch is CancellationError {}
        let saved = try await store.load(tenant: "acme", source: "memory")
        XCTAssertEqual(saved?.cursor.highWaterMark, 14 * hour, "three pages of five were complete")
        let resumed = try await PullRunner().run(source, window: window, tenant: "acme", store: store)
        let full = try await PullRunner().run(source, window: window, previous: nil)
        XCTAssertEqual(resumed.state.events, full.state.events)
        XCTAssertEqual(resumed.report.records, 26, "records from the saved cursor on (its own record again)")
    }

    func testCheckpointsAreSpacedByTheIntervalAndTheLastPageIsAlwaysSaved() async throws {
        let source = MemorySource(items: items(), pageSize: 5)
        let window = try PullWindow(from: 0, to: 40 * hour)
        let everyPage = LockedCounter(), spaced = LockedCounter()
        let full = try await PullRunner(options: PullOptions(checkpointInterval: .zero)).run(source, window: window, previous: nil) { _ in
            _ = everyPage.increment()
        }
        let throttled = try await PullRunner(options: PullOptions(checkpointInterval: .seconds(3_600))).run(source, window: window, previous: nil) { state in
            XCTAssertEqual(spaced.increment(), 1, "only the final state is saved within the interval")
            XCTAssertEqual(state.cursor, full.state.cursor)
        }
        XCTAssertEqual(everyPage.count, full.report.pages + 1, "after every page, then the final state")
        XCTAssertEqual(spaced.count, 1)
        XCTAssertEqual(throttled.state, full.state)
    }

    func testStoreRejectsPathLikeNames() async throws {
        let store = FilePullStateStore(directory: FileManager.default.temporaryDirectory)
        do {
            _ = try await store.load(tenant: "../etc", source: "jira")
            XCTFail("a path-like tenant must be refused")
        } catch let error as ConnectorError {
            XCTAssertTrue(error.description.contains("tenant"), error.description)
        }
    }

    func testAWindowMustBeForward() {
        XCTAssertThrowsError(try PullWindow(from: 10, to: 10))
    }
}

private final class LockedCounter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    var count: Int { value.withLock { $0 } }
}
