import Agents
import Foundation
import XCTest

/// The checks every `APIKeyStore` must pass: a key is found by its hash and only by it, listings and deletions
/// stay within their tenant (another tenant's key can be neither listed nor revoked), concurrent inserts all
/// land, and — when the store can be reopened — keys survive the restart.
public enum APIKeyStoreConformance {
    /// - Parameters:
    ///   - store: an empty store.
    ///   - other: a second handle on the same storage (another process sharing the database), or nil.
    ///   - reopen: opens the same storage again (a new process after a restart); nil for stores that cannot.
    public static func run(_ store: any APIKeyStore, other: (any APIKeyStore)? = nil,
                           reopen: (@Sendable () async throws -> any APIKeyStore)? = nil,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let acme = [record("a1", tenant: "acme", role: .admin, second: 1, label: "demo"),
                    record("a2", tenant: "acme", role: .operator, second: 2),
                    record("a3", tenant: "acme", role: .viewer, second: 3)]
        let globex = record("g1", tenant: "globex", role: .admin, second: 4)
        let none = try await store.records(tenant: "acme")
        XCTAssertEqual(none, [], file: file, line: line)
        for item in acme + [globex] { try await store.insert(item) }

        for item in acme + [globex] {
            let found = try await store.record(secretHash: item.secretHash)
            XCTAssertEqual(found, item, "a key is found by its hash, every field kept", file: file, line: line)
        }
        let unknown = try await store.record(secretHash: String(repeating: "0", count: 64))
        XCTAssertNil(unknown, file: file, line: line)
        let listed = try await store.records(tenant: "acme")
        XCTAssertEqual(listed, acme, "a tenant's keys, oldest first, and no other tenant's", file: file, line: line)
        let globexListed = try await store.records(tenant: "globex")
        XCTAssertEqual(globexListed, [globex], file: file, line: line)

        // Revocation: only within the key's tenant, and at once for the lookup.
        let crossTenant = try await store.delete(id: "a2", tenant: "globex")
        XCTAssertFalse(crossTenant, "another tenant cannot revoke a key", file: file, line: line)
        let stillThere = try await store.record(secretHash: acme[1].secretHash)
        XCTAssertEqual(stillThere, acme[1], file: file, line: line)
        let deleted = try await store.delete(id: "a2", tenant: "acme")
        XCTAssertTrue(deleted, file: file, line: line)
        let gone = try await store.record(secretHash: acme[1].secretHash)
        XCTAssertNil(gone, "a revoked key no longer authenticates", file: file, line: line)
        let again = try await store.delete(id: "a2", tenant: "acme")
        XCTAssertFalse(again, file: file, line: line)

        // Concurrent inserts (through a second handle when there is one) all land.
        let writers: [any APIKeyStore] = [store, other ?? store]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<16 {
                group.addTask { try await writers[index % 2].insert(record("c\(index)", tenant: "acme", role: .viewer, second: 100 + index)) }
            }
            try await group.waitForAll()
        }
        let afterRace = try await store.records(tenant: "acme")
        XCTAssertEqual(afterRace.map(\.id), ["a1", "a3"] + (0..<16).map { "c\($0)" }, file: file, line: line)
        if let other {
            let seen = try await other.record(secretHash: acme[0].secretHash)
            XCTAssertEqual(seen, acme[0], "a key made through one handle authenticates through the other", file: file, line: line)
        }

        if let reopen {
            let reopened = try await reopen()
            let kept = try await reopened.record(secretHash: globex.secretHash)
            XCTAssertEqual(kept, globex, "keys survive a restart", file: file, line: line)
            let keptList = try await reopened.records(tenant: "acme")
            XCTAssertEqual(keptList.count, 18, file: file, line: line)
        }
    }

    /// A record with a fixed, whole-second creation time (every store keeps at least microseconds).
    public static func record(_ id: String, tenant: String, role: Role, second: Int, label: String? = nil) -> APIKeyRecord {
        let hash = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(16) }.joined()
        return APIKeyRecord(id: id, tenant: tenant, role: role, secretHash: hash,
                            createdAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(second)), label: label)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
