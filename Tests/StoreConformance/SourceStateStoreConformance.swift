import EventLog
import XCTest

/// The checks every ``SourceStateStore`` must pass.
public enum SourceStateStoreConformance {
    public static func run(_ store: any SourceStateStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let nothing = try await store.sourceState(source: "jira", tenant: "tenant-a")
        XCTAssertNil(nothing, "no state before the first save", file: file, line: line)

        let first = SourceState(document: Array(#"{"cursor":1}"#.utf8), reports: [Array(#"{"pull":1}"#.utf8)])
        try await store.saveSourceState(first, source: "jira", tenant: "tenant-a")
        let afterFirst = try await store.sourceState(source: "jira", tenant: "tenant-a")
        XCTAssertEqual(afterFirst, first, file: file, line: line)

        // A checkpoint within a pull replaces the document and keeps the history; the pull's end appends to it.
        let checkpoint = SourceState(document: Array(#"{"cursor":2}"#.utf8), reports: first.reports)
        try await store.saveSourceState(checkpoint, source: "jira", tenant: "tenant-a")
        let second = SourceState(document: Array(#"{"cursor":3}"#.utf8), reports: first.reports + [Array(#"{"pull":2}"#.utf8)])
        try await store.saveSourceState(second, source: "jira", tenant: "tenant-a")
        let afterSecond = try await store.sourceState(source: "jira", tenant: "tenant-a")
        XCTAssertEqual(afterSecond, second, file: file, line: line)

        // History is append-only: a save computed from an older state is refused and changes nothing.
        do {
            try await store.saveSourceState(first, source: "jira", tenant: "tenant-a")
            XCTFail("a shorter history must be refused", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .conflict, file: file, line: line)
        }
        let unchanged = try await store.sourceState(source: "jira", tenant: "tenant-a")
        XCTAssertEqual(unchanged, second, file: file, line: line)

        // Sources and tenants are separate.
        let otherSource = try await store.sourceState(source: "xero", tenant: "tenant-a")
        XCTAssertNil(otherSource, file: file, line: line)
        let otherTenant = try await store.sourceState(source: "jira", tenant: "tenant-b")
        XCTAssertNil(otherTenant, "tenant-b must not see tenant-a's state", file: file, line: line)
        let theirs = SourceState(document: Array(#"{"cursor":"b"}"#.utf8), reports: [])
        try await store.saveSourceState(theirs, source: "jira", tenant: "tenant-b")
        let stillOurs = try await store.sourceState(source: "jira", tenant: "tenant-a")
        XCTAssertEqual(stillOurs, second, "tenant-b's save must not touch tenant-a's state", file: file, line: line)
        let stored = try await store.sourceState(source: "jira", tenant: "tenant-b")
        XCTAssertEqual(stored, theirs, file: file, line: line)

        do {
            try await store.saveSourceState(theirs, source: "", tenant: "tenant-a")
            XCTFail("an empty source name must be refused", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .invalidArgument, file: file, line: line)
        }
    }
}
