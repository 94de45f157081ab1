import EventLog
import XCTest

/// The checks every ``EventLogStore`` must pass, whatever holds the data. Each backend's test target calls
/// ``run(_:)`` with a fresh, empty store.
public enum EventLogStoreConformance {
    /// Runs every check against `store`.
    public static func run(_ store: any EventLogStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        try await roundTrip(store, file: file, line: line)
        try await tenantIsolation(store, file: file, line: line)
        try await errors(store, file: file, line: line)
    }

    /// Import, list, load and delete keep everything the log had.
    public static func roundTrip(_ store: any EventLogStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let log = StoreConformanceLogs.varied(seed: 1)
        let info = try await store.importLog(log, name: "varied", tenant: "t-round")
        XCTAssertEqual(info.name, "varied", file: file, line: line)
        XCTAssertEqual(info.cases, log.caseCount, file: file, line: line)
        XCTAssertEqual(info.events, log.eventCount, file: file, line: line)
        XCTAssertEqual(info.fingerprint, SchemaFingerprint(log).value, file: file, line: line)
        _ = try await store.importLog(StoreConformanceLogs.varied(seed: 2), name: "another", tenant: "t-round")
        let listed = try await store.logs(tenant: "t-round")
        XCTAssertEqual(listed.map(\.name), ["another", "varied"], file: file, line: line)
        XCTAssertEqual(listed.last, info, file: file, line: line)

        let loaded = try await store.load("varied", tenant: "t-round")
        assertSameLog(loaded, log, file: file, line: line)
        do {
            let value = try await store.delete("varied", tenant: "t-round")
            XCTAssertTrue(value, file: file, line: line)
        }
        do {
            let value = try await store.delete("varied", tenant: "t-round")
            XCTAssertFalse(value, file: file, line: line)
        }
        do {
            let value = try await store.logs(tenant: "t-round").map(\.name)
            XCTAssertEqual(value, ["another"], file: file, line: line)
        }
        _ = try await store.importLog(log, name: "varied", tenant: "t-round")
        assertSameLog(try await store.load("varied", tenant: "t-round"), log, file: file, line: line)
    }

    /// One tenant never sees, loads, replaces or deletes another's logs, even under the same name.
    public static func tenantIsolation(_ store: any EventLogStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let a = StoreConformanceLogs.varied(seed: 3)
        let b = StoreConformanceLogs.varied(seed: 4)
        _ = try await store.importLog(a, name: "shared-name", tenant: "tenant-a")
        _ = try await store.importLog(b, name: "shared-name", tenant: "tenant-b")
        _ = try await store.importLog(a, name: "only-a", tenant: "tenant-a")
        do {
            let value = try await store.logs(tenant: "tenant-b").map(\.name)
            XCTAssertEqual(value, ["shared-name"], file: file, line: line)
        }
        do {
            let value = try await store.logs(tenant: "tenant-c")
            XCTAssertEqual(value, [], file: file, line: line)
        }
        assertSameLog(try await store.load("shared-name", tenant: "tenant-b"), b, file: file, line: line)
        await assertThrows(.notFound, file: file, line: line) { _ = try await store.load("only-a", tenant: "tenant-b") }
        do {
            let value = try await store.delete("only-a", tenant: "tenant-b")
            XCTAssertFalse(value, file: file, line: line)
        }
        do {
            let value = try await store.delete("shared-name", tenant: "tenant-b")
            XCTAssertTrue(value, file: file, line: line)
        }
        assertSameLog(try await store.load("shared-name", tenant: "tenant-a"), a, file: file, line: line)
    }

    /// Typed errors for missing logs, duplicate names and bad names.
    public static func errors(_ store: any EventLogStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        await assertThrows(.notFound, file: file, line: line) { _ = try await store.load("missing", tenant: "t-errors") }
        _ = try await store.importLog(StoreConformanceLogs.varied(), name: "dup", tenant: "t-errors")
        await assertThrows(.alreadyExists, file: file, line: line) {
            _ = try await store.importLog(StoreConformanceLogs.varied(seed: 9), name: "dup", tenant: "t-errors")
        }
        do {
            let value = try await store.load("dup", tenant: "t-errors").eventCount
            XCTAssertEqual(value, StoreConformanceLogs.varied().eventCount,
                       "a refused import must leave the stored log as it was", file: file, line: line)
        }
        await assertThrows(.invalidArgument, file: file, line: line) { _ = try await store.importLog(StoreConformanceLogs.varied(), name: "", tenant: "t") }
        await assertThrows(.invalidArgument, file: file, line: line) { _ = try await store.importLog(StoreConformanceLogs.varied(), name: "x", tenant: "bad\u{0}tenant") }
    }

    /// Asserts two logs hold the same cases, events (every attribute, in case order), header and provenance.
    public static func assertSameLog(_ actual: EventLog, _ expected: EventLog, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.caseOffsets, expected.caseOffsets, "case offsets", file: file, line: line)
        XCTAssertEqual(actual.activityNames.count, expected.activityNames.count, "activities", file: file, line: line)
        XCTAssertEqual(actual.activityCodes.map { actual.activityNames[Int($0)] },
                       expected.activityCodes.map { expected.activityNames[Int($0)] }, "activity per event", file: file, line: line)
        XCTAssertEqual(actual.timestamps, expected.timestamps, "timestamps", file: file, line: line)
        XCTAssertEqual(actual.resourceCodes.map { $0 < 0 ? nil : actual.resourceNames[Int($0)] },
                       expected.resourceCodes.map { $0 < 0 ? nil : expected.resourceNames[Int($0)] }, "resources", file: file, line: line)
        XCTAssertEqual(StoreConformanceLogs.rows(actual.eventAttributes), StoreConformanceLogs.rows(expected.eventAttributes),
                       "event attributes", file: file, line: line)
        XCTAssertEqual(StoreConformanceLogs.rows(actual.traceAttributes), StoreConformanceLogs.rows(expected.traceAttributes),
                       "trace attributes", file: file, line: line)
        XCTAssertEqual(actual.header, expected.header, "header", file: file, line: line)
        XCTAssertEqual(actual.provenance, expected.provenance, "provenance", file: file, line: line)
        XCTAssertEqual(actual.classifier, expected.classifier, "classifier", file: file, line: line)
    }

    /// Asserts `body` throws a ``StoreError`` with `code`.
    public static func assertThrows(_ code: StoreError.Code, file: StaticString = #filePath, line: UInt = #line,
                                    _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected StoreError \(code), nothing was thrown", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        } catch {
            XCTFail("expected StoreError \(code), got \(error)", file: file, line: line)
        }
    }
}
