import EventLog
import XCTest

/// The checks every ``AnalysisResultStore`` must pass.
public enum AnalysisResultStoreConformance {
    public static func run(_ store: any AnalysisResultStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let provenance = Provenance(source: .init(location: "claims.xes", format: "xes", fingerprint: "fp-1"))
        let dfg = AnalysisResult(logName: "claims", kind: .directlyFollowsGraph, logFingerprint: "fp-1", provenance: provenance,
                                 payload: Array(#"{"edges":[]}"#.utf8), createdAtMicroseconds: 1_000)
        let tree = AnalysisResult(logName: "claims", kind: .processTree, parameters: ["noise": "0.2", "a&b": "c=d"],
                                  logFingerprint: "fp-1", provenance: provenance, payload: Array(#"{"tree":"->(a,b)"}"#.utf8),
                                  createdAtMicroseconds: 2_000)
        try await store.save(dfg, tenant: "tenant-a")
        try await store.save(tree, tenant: "tenant-a")
        do {
            let value = try await store.result(logName: "claims", kind: .processTree, parameters: ["a&b": "c=d", "noise": "0.2"],
                                              tenant: "tenant-a")
            XCTAssertEqual(value, tree, file: file, line: line)
        }
        do {
            let value = try await store.result(logName: "claims", kind: .processTree, parameters: ["noise": "0.3"], tenant: "tenant-a")
            XCTAssertNil(value,
                     file: file, line: line)
        }
        do {
            let value = try await store.results(logName: "claims", tenant: "tenant-a")
            XCTAssertEqual(value, [dfg, tree], file: file, line: line)
        }

        var replaced = dfg
        replaced.payload = Array(#"{"edges":[1]}"#.utf8)
        replaced.logFingerprint = "fp-2"
        try await store.save(replaced, tenant: "tenant-a")
        do {
            let value = try await store.result(logName: "claims", kind: .directlyFollowsGraph, parameters: [:], tenant: "tenant-a")
            XCTAssertEqual(value,
                       replaced, file: file, line: line)
        }

        // Tenant isolation: the same key under another tenant is a different result; reads and deletes stay in the tenant.
        do {
            let value = try await store.result(logName: "claims", kind: .directlyFollowsGraph, parameters: [:], tenant: "tenant-b")
            XCTAssertNil(value,
                     file: file, line: line)
        }
        do {
            let value = try await store.results(logName: "claims", tenant: "tenant-b")
            XCTAssertEqual(value, [], file: file, line: line)
        }
        try await store.save(dfg, tenant: "tenant-b")
        do {
            let value = try await store.deleteResults(logName: "claims", tenant: "tenant-b")
            XCTAssertEqual(value, 1, file: file, line: line)
        }
        do {
            let value = try await store.results(logName: "claims", tenant: "tenant-a").count
            XCTAssertEqual(value, 2, file: file, line: line)
        }
        do {
            let value = try await store.deleteResults(logName: "claims", tenant: "tenant-a")
            XCTAssertEqual(value, 2, file: file, line: line)
        }
        do {
            let value = try await store.results(logName: "claims", tenant: "tenant-a")
            XCTAssertEqual(value, [], file: file, line: line)
        }
        await EventLogStoreConformance.assertThrows(.invalidArgument, file: file, line: line) { try await store.save(dfg, tenant: "") }
    }
}
