import Agents
import EventLog
import Foundation
import Packs
import XCTest

/// The checks every `TenantAuditLog` must pass: each tenant's chain verifies, holds only that tenant's records in
/// the order they were recorded, exports exactly the JSONL a `JSONLAuditSink` writes for the same entries,
/// concurrent appenders (through several handles on one storage when given: processes sharing a database) lose no
/// record and never fork the chain, and — when the log can be reopened — a restart continues the chain.
public enum TenantAuditLogConformance {
    /// - Parameters:
    ///   - log: an empty audit log.
    ///   - others: more handles on the same storage (other processes sharing the database); empty for logs that
    ///     only one process may write.
    ///   - reopen: opens the same storage again (a new process after a restart); nil for logs that cannot.
    public static func run(_ log: any TenantAuditLog, others: [any TenantAuditLog] = [],
                           reopen: (@Sendable () async throws -> any TenantAuditLog)? = nil,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let empty = try await log.export(tenant: "acme")
        XCTAssertEqual(empty, [], "a tenant with no record exports nothing", file: file, line: line)

        // Sequential records export exactly as the file sink writes them.
        let reference = InMemoryAuditSink()
        let acme = try await log.sink(tenant: "acme")
        let globex = try await log.sink(tenant: "globex")
        for index in 0..<5 {
            try await acme.record(entry(tenant: "acme", writer: 0, index: index))
            reference.record(entry(tenant: "acme", writer: 0, index: index))
            try await globex.record(entry(tenant: "globex", writer: 0, index: index))
        }
        let exported = try await log.export(tenant: "acme")
        XCTAssertEqual(exported, reference.jsonl, "the export is the JSONL a JSONLAuditSink writes", file: file, line: line)
        let globexExport = try await log.export(tenant: "globex")
        XCTAssertEqual(records(in: globexExport).map(\.tenant), Array(repeating: "globex", count: 5),
                       "a tenant's chain holds only its records", file: file, line: line)

        // 16 appenders at once, spread over every handle: every record lands once, the chain verifies.
        let handles = [log] + others
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 1...16 {
                group.addTask {
                    let sink = try await handles[writer % handles.count].sink(tenant: "acme")
                    for index in 0..<20 { try await sink.record(entry(tenant: "acme", writer: writer, index: index)) }
                }
            }
            try await group.waitForAll()
        }
        for handle in handles {
            let bytes = try await handle.export(tenant: "acme")
            let report = AuditVerifier.verify(bytes: bytes)
            XCTAssertTrue(report.isValid, "the chain verifies after concurrent appends: \(String(describing: report.problem))", file: file, line: line)
            XCTAssertEqual(report.validRecords, 5 + 16 * 20, file: file, line: line)
            let written = records(in: bytes)
            XCTAssertEqual(Set(written.map(\.key)).count, 5 + 16 * 20, "no record lost or doubled", file: file, line: line)
            for writer in 1...16 {
                XCTAssertEqual(written.filter { $0.writer == writer }.map(\.index), Array(0..<20),
                               "one appender's records keep their order", file: file, line: line)
            }
        }

        if let reopen {
            let reopened = try await reopen()
            try await reopened.sink(tenant: "acme").record(entry(tenant: "acme", writer: 99, index: 0))
            let bytes = try await reopened.export(tenant: "acme")
            let report = AuditVerifier.verify(bytes: bytes)
            XCTAssertTrue(report.isValid, file: file, line: line)
            XCTAssertEqual(report.validRecords, 5 + 16 * 20 + 1, "a restart continues the chain", file: file, line: line)
        }
    }

    /// A store's tenant chains are among the chains `verifyAudit` checks: after raw SQL edits one record
    /// (`tamper(tenant, chain, sequence)`), both the export's verification and `verifyAudit` name it.
    public static func runTamper(_ store: any AuditChainStore & ExceptionWorkStore,
                                 tamper: @Sendable (_ tenant: String, _ chain: String, _ sequence: Int) async throws -> Void,
                                 file: StaticString = #filePath, line: UInt = #line) async throws {
        let log = StoredTenantAuditLog(store: store)
        let sink = try log.sink(tenant: "acme")
        for index in 0..<6 { try await sink.record(entry(tenant: "acme", writer: 0, index: index)) }
        let before = try await store.verifyAudit(tenant: "acme")
        XCTAssertTrue(before.isValid, file: file, line: line)
        XCTAssertEqual(before.records, 6, file: file, line: line)
        try await tamper("acme", StoredTenantAuditLog.chain, 4)
        let after = try await store.verifyAudit(tenant: "acme")
        XCTAssertEqual(after.firstBadRecord, AuditLedgerReport.BadRecord(chain: StoredTenantAuditLog.chain, sequence: 4, problem: "hashMismatch"),
                       file: file, line: line)
        let exported = AuditVerifier.verify(bytes: try await log.export(tenant: "acme"))
        XCTAssertEqual(exported.problem, .hashMismatch(record: 4), file: file, line: line)
    }

    /// Copying a file chain into a store keeps it verbatim: the store's export is the file's bytes and later
    /// appends continue it.
    public static func runCopyFromFiles(_ store: any AuditChainStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracewise-audit-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try DirectoryTenantAuditLog(directory: directory)
        for index in 0..<4 { try await files.sink(tenant: "acme").record(entry(tenant: "acme", writer: 0, index: index)) }
        let original = try await files.export(tenant: "acme")
        let copied = try await files.copyMissing(to: store)
        XCTAssertEqual(copied, ["acme"], file: file, line: line)
        let log = StoredTenantAuditLog(store: store)
        let inStore = try await log.export(tenant: "acme")
        XCTAssertEqual(inStore, original, "the chain is copied verbatim", file: file, line: line)
        let twice = try await files.copyMissing(to: store)
        XCTAssertEqual(twice, [], "a chain the store holds is not copied again", file: file, line: line)
        try await log.sink(tenant: "acme").record(entry(tenant: "acme", writer: 1, index: 0))
        let report = AuditVerifier.verify(bytes: try await log.export(tenant: "acme"))
        XCTAssertTrue(report.isValid, file: file, line: line)
        XCTAssertEqual(report.validRecords, 5, file: file, line: line)
    }

    /// An entry naming its writer and index (in `runID` and `stage`), with a fixed timestamp.
    static func entry(tenant: String, writer: Int, index: Int) -> AuditEntry {
        AuditEntry(timestamp: "2026-12-05T19:00:00Z", runID: "writer-\(writer)", tenantID: tenant, exceptionID: "E-\(index)",
                   stage: "api", output: ["index": .number(Double(index))])
    }

    /// The (tenant, writer, index) of each exported record, in order.
    static func records(in jsonl: [UInt8]) -> [(tenant: String, writer: Int, index: Int, key: String)] {
        jsonl.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let record = object["record"] as? [String: Any], let tenant = record["tenantId"] as? String,
                  let run = record["runId"] as? String, let writer = Int(run.dropFirst("writer-".count)),
                  let output = record["output"] as? [String: Any], let index = (output["index"] as? NSNumber)?.intValue
            else { return nil }
            return (tenant, writer, index, "\(writer)/\(index)")
        }
    }
}
