import Foundation
import Packs
import XCTest

/// The checks every `PackStore` must pass: documents by key, replacement, listings per tenant, domain and kind,
/// tenant isolation, concurrent writers never leaving a torn document, and — when the store can be reopened —
/// packs and a registry's activation surviving the restart.
public enum PackStoreConformance {
    /// - Parameters:
    ///   - store: an empty store.
    ///   - reopen: opens the same storage again (a new process after a restart); nil for stores that cannot.
    public static func run(_ store: any PackStore, reopen: (@Sendable () async throws -> any PackStore)? = nil,
                           file: StaticString = #filePath, line: UInt = #line) async throws {
        let key = PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .domainPack, version: "1.0.0")
        let nothing = try await store.read(key)
        XCTAssertNil(nothing, "nothing before the first write", file: file, line: line)
        let emptyDomains = try await store.domains(tenant: "tenant-a")
        XCTAssertEqual(emptyDomains, [], file: file, line: line)

        try await store.write(Data(#"{"v":1}"#.utf8), at: key)
        let first = try await store.read(key)
        XCTAssertEqual(first, Data(#"{"v":1}"#.utf8), file: file, line: line)
        try await store.write(Data(#"{"v":2}"#.utf8), at: key)
        let replaced = try await store.read(key)
        XCTAssertEqual(replaced, Data(#"{"v":2}"#.utf8), "a write replaces the document", file: file, line: line)

        // Kinds, versions and domains are listed separately.
        try await store.write(Data("d110".utf8), at: PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .domainPack, version: "1.1.0"))
        try await store.write(Data("p1".utf8), at: PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .tenantPolicy, version: "1.0.0"))
        try await store.write(Data("state".utf8), at: PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .state))
        try await store.write(Data("h".utf8), at: PackStoreKey(tenant: "tenant-a", domain: "healthcare", kind: .domainPack, version: "2.0.0"))
        let domainVersions = try await store.versions(tenant: "tenant-a", domain: "finance", kind: .domainPack)
        XCTAssertEqual(domainVersions.sorted(), ["1.0.0", "1.1.0"], file: file, line: line)
        let policyVersions = try await store.versions(tenant: "tenant-a", domain: "finance", kind: .tenantPolicy)
        XCTAssertEqual(policyVersions, ["1.0.0"], file: file, line: line)
        let policy = try await store.read(PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .tenantPolicy, version: "1.0.0"))
        XCTAssertEqual(policy, Data("p1".utf8), "a policy and a domain pack of one version are different documents", file: file, line: line)
        let domains = try await store.domains(tenant: "tenant-a")
        XCTAssertEqual(domains.sorted(), ["finance", "healthcare"], file: file, line: line)

        // Tenants are separate: same key, other tenant.
        let otherKey = PackStoreKey(tenant: "tenant-b", domain: "finance", kind: .domainPack, version: "1.0.0")
        let theirsBefore = try await store.read(otherKey)
        XCTAssertNil(theirsBefore, "tenant-b must not see tenant-a's document", file: file, line: line)
        let theirDomains = try await store.domains(tenant: "tenant-b")
        XCTAssertEqual(theirDomains, [], file: file, line: line)
        try await store.write(Data("b".utf8), at: otherKey)
        let ours = try await store.read(key)
        XCTAssertEqual(ours, Data(#"{"v":2}"#.utf8), "tenant-b's write must not touch tenant-a's document", file: file, line: line)
        let theirVersions = try await store.versions(tenant: "tenant-b", domain: "finance", kind: .domainPack)
        XCTAssertEqual(theirVersions, ["1.0.0"], file: file, line: line)

        // Concurrent replacements of one document: every read sees one whole document, and the last one stays whole.
        let racing = PackStoreKey(tenant: "tenant-a", domain: "finance", kind: .state)
        let documents = (0..<16).map { Data(String(repeating: String(UnicodeScalar(UInt8(65 + $0))), count: 4_096).utf8) }
        try await withThrowingTaskGroup(of: Data?.self) { group in
            for document in documents {
                group.addTask { try await store.write(document, at: racing); return nil }
                group.addTask { try await store.read(racing) }
            }
            for try await seen in group {
                if let seen, seen != Data("state".utf8) {
                    XCTAssertTrue(documents.contains(seen), "a read saw a torn document", file: file, line: line)
                }
            }
        }
        let settled = try await store.read(racing)
        XCTAssertTrue(settled.map { documents.contains($0) } ?? false, "the last write must be one whole document", file: file, line: line)

        // A registry on the store: register, activate, and (reopened) the same active bundle.
        let (bundle, _) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = bundle.tenant.tenantID
        let registry = try await PackRegistry(store: store).tenant(tenant)
        try await registry.register(bundle.domain)
        try await registry.register(bundle.tenant)
        let active = try await registry.activate(domain: bundle.domain.domainName, domainVersion: bundle.domain.version,
                                                 policyVersion: bundle.tenant.version)
        XCTAssertEqual(active.domain.version, bundle.domain.version, file: file, line: line)

        guard let reopen else { return }
        let reopened = try await reopen()
        let kept = try await reopened.read(key)
        XCTAssertEqual(kept, Data(#"{"v":2}"#.utf8), "documents survive a restart", file: file, line: line)
        let keptDomains = try await reopened.domains(tenant: "tenant-a")
        XCTAssertEqual(keptDomains.sorted(), ["finance", "healthcare"], file: file, line: line)
        let restarted = try await PackRegistry(store: reopened).tenant(tenant)
        let afterRestart = try await restarted.activeBundle(domain: bundle.domain.domainName)
        XCTAssertEqual(afterRestart?.domain.version, bundle.domain.version, "the activation survives a restart", file: file, line: line)
        XCTAssertEqual(afterRestart?.tenant.version, bundle.tenant.version, file: file, line: line)
        XCTAssertEqual(afterRestart?.tenant.tenantID, tenant, file: file, line: line)
    }
}
