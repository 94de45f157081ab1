import Foundation
import Packs
import XCTest

/// The checks every `PackStore` must pass: documents by key, replacement, listings per tenant, domain and kind,
/// tenant isolation, concurrent writers never leaving a torn document, compare-and-swap, registries on two
/// instances of the storage (two processes) never losing each other's activations, and — when the store can be
/// reopened — packs and a registry's activation surviving the restart.
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

        try await checkCompareAndSwap(store, other: try await reopen?() ?? store, file: file, line: line)

        // A registry on the store: register, activate, and (reopened) the same active bundle.
        let (bundle, _) = try ExceptionWorkStoreConformance.financeSample()
        let tenant = bundle.tenant.tenantID
        let registry = try await PackRegistry(store: store).tenant(tenant)
        try await registry.register(bundle.domain)
        try await registry.register(bundle.tenant)
        let active = try await registry.activate(domain: bundle.domain.domainName, domainVersion: bundle.domain.version,
                                                 policyVersion: bundle.tenant.version)
        XCTAssertEqual(active.domain.version, bundle.domain.version, file: file, line: line)
        try await checkRegistriesShareActivations(store, other: try await reopen?() ?? store, bundle: bundle, file: file, line: line)

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

    /// `replace` takes only when the document is what the caller expects, and sixteen read-increment-replace loops
    /// racing on two instances of the storage count to sixteen.
    private static func checkCompareAndSwap(_ store: any PackStore, other: any PackStore, file: StaticString, line: UInt) async throws {
        let key = PackStoreKey(tenant: "tenant-c", domain: "counting", kind: .state)
        let inserted = try await store.replace(key, expecting: nil, with: Data("0".utf8))
        XCTAssertTrue(inserted, "replace expecting nothing creates the document", file: file, line: line)
        let insertedAgain = try await other.replace(key, expecting: nil, with: Data("x".utf8))
        XCTAssertFalse(insertedAgain, "replace expecting nothing must not overwrite a document", file: file, line: line)
        let wrong = try await other.replace(key, expecting: Data("7".utf8), with: Data("x".utf8))
        XCTAssertFalse(wrong, "replace expecting other content must not take", file: file, line: line)
        let unchanged = try await store.read(key)
        XCTAssertEqual(unchanged, Data("0".utf8), file: file, line: line)
        let otherTenant = try await store.replace(PackStoreKey(tenant: "tenant-b", domain: "counting", kind: .state), expecting: Data("0".utf8),
                                                  with: Data("x".utf8))
        XCTAssertFalse(otherTenant, "another tenant's key holds nothing to replace", file: file, line: line)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0 ..< 16 {
                let instance = index.isMultiple(of: 2) ? store : other
                group.addTask {
                    while true {
                        let current = try await instance.read(key)
                        let value = Int(String(decoding: current ?? Data(), as: UTF8.self)) ?? -1_000
                        if try await instance.replace(key, expecting: current, with: Data(String(value + 1).utf8)) { return }
                    }
                }
            }
            try await group.waitForAll()
        }
        let counted = try await store.read(key)
        XCTAssertEqual(counted.map { String(decoding: $0, as: UTF8.self) }, "16", "a racing increment was lost", file: file, line: line)
    }

    /// Two registries on two instances of the storage: each sees the other's activation at once, and eight
    /// activations from each, racing, are all kept (history and counts), as is the usage both counted.
    private static func checkRegistriesShareActivations(_ store: any PackStore, other: any PackStore, bundle: PackBundle,
                                                        file: StaticString, line: UInt) async throws {
        let tenant = bundle.tenant.tenantID
        let domain = bundle.domain.domainName
        var newer = bundle.tenant
        newer.version = SemanticVersion(bundle.tenant.version.major, bundle.tenant.version.minor + 1, 0)
        let first = try await PackRegistry(store: store).tenant(tenant)
        let second = try await PackRegistry(store: other).tenant(tenant)
        try await second.register(newer)
        let before = try await first.activeBundle(domain: domain)
        XCTAssertEqual(before?.tenant.version, bundle.tenant.version, file: file, line: line)
        try await second.activate(domain: domain, domainVersion: bundle.domain.version, policyVersion: newer.version)
        let seen = try await first.activeBundle(domain: domain)
        XCTAssertEqual(seen?.tenant.version, newer.version, "a registry must see another process's activation", file: file, line: line)

        let versionsBefore = try await first.versions(domain: domain)
        let activationsBefore = versionsBefore.map(\.activationCount).reduce(0, +)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0 ..< 16 {
                let registry = index.isMultiple(of: 2) ? first : second
                let policy = index.isMultiple(of: 3) ? newer.version : bundle.tenant.version
                group.addTask {
                    try await registry.activate(domain: domain, domainVersion: bundle.domain.version, policyVersion: policy)
                    try await registry.recordUsage(domain: domain, count: 1)
                    try await registry.flushUsage(domain: domain)
                }
            }
            try await group.waitForAll()
        }
        let versions = try await second.versions(domain: domain)
        let domainRecord = versions.first { $0.kind == .domain && $0.version == bundle.domain.version }
        XCTAssertEqual(versions.map(\.activationCount).reduce(0, +), activationsBefore + 32,
                       "every racing activation counts once for its domain pack and once for its policy", file: file, line: line)
        XCTAssertEqual(domainRecord?.usageCount, 16, "every flushed usage count is kept", file: file, line: line)
        XCTAssertEqual(versions.filter { $0.kind == .tenantPolicy }.map(\.usageCount).reduce(0, +), 16, file: file, line: line)
        try await first.activate(domain: domain, domainVersion: bundle.domain.version, policyVersion: bundle.tenant.version)
    }
}
