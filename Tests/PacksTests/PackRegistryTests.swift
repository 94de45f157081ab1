import Foundation
import Packs
import XCTest

final class PackRegistryTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("packs-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private var domain: DomainPack { PackFixtures.domainPack }

    private func policy(tenant: String = "t1", version: String = "1.0.0", threshold: Double = 500) -> TenantPolicyPack {
        let document = PackFixtures.tenant.setting("/tenantId", to: .string(tenant)).setting("/version", to: .string(version))
            .setting("/guardrailOverrides/humanApprovalThreshold", to: .number(threshold))
        return PackLoader().validateTenantPolicyPack(document, domainPack: domain).pack!
    }

    func testRegisterActivateAndRollBack() async throws {
        let registry = PackRegistry(store: FileSystemPackStore(root: root))
        let tenant = try await registry.tenant("t1")
        try await tenant.register(domain)
        try await tenant.register(policy(version: "1.0.0", threshold: 500))
        try await tenant.register(policy(version: "1.1.0", threshold: 300))
        try await tenant.activate(domain: "demo", domainVersion: domain.version, policyVersion: SemanticVersion(1, 0, 0))
        let second = try await tenant.activate(domain: "demo", domainVersion: domain.version, policyVersion: SemanticVersion(1, 1, 0))
        XCTAssertEqual(second.tenant.guardrailOverrides.humanApprovalThreshold, 300)
        try await tenant.recordUsage(domain: "demo", count: 7)

        let rolledBack = try await tenant.rollback(domain: "demo")
        XCTAssertEqual(rolledBack.tenant.version, SemanticVersion(1, 0, 0))
        let active = try await tenant.activeBundle(domain: "demo")
        XCTAssertEqual(active?.tenant.version, SemanticVersion(1, 0, 0))

        let versions = try await tenant.versions(domain: "demo")
        XCTAssertEqual(versions.map(\.kind), [.domain, .tenantPolicy, .tenantPolicy])
        XCTAssertEqual(versions.map(\.version.description), ["1.0.0", "1.0.0", "1.1.0"])
        XCTAssertEqual(versions.map(\.isActive), [true, true, false])
        XCTAssertEqual(versions.map(\.activationCount), [3, 2, 1])
        XCTAssertEqual(versions.map(\.usageCount), [7, 0, 7])

        // A fresh registry on the same directory sees the same state.
        let reopened = try await PackRegistry(store: FileSystemPackStore(root: root)).tenant("t1")
        let reopenedActive = try await reopened.activeBundle(domain: "demo")
        XCTAssertEqual(reopenedActive?.tenant.version, SemanticVersion(1, 0, 0))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("t1/demo/1.0.0.json").path))
    }

    func testVersionsAreImmutableAndInvalidPacksAreRefused() async throws {
        let tenant = try await PackRegistry(store: InMemoryPackStore()).tenant("t1")
        try await tenant.register(domain)
        try await tenant.register(domain)
        var changed = domain
        changed.description = "changed without a new version"
        await XCTAssertThrowsErrorAsync(try await tenant.register(changed))
        var broken = domain
        broken.playbooks[0].steps[0].tool = "missing_tool"
        broken.version = SemanticVersion(9, 0, 0)
        await XCTAssertThrowsErrorAsync(try await tenant.register(broken))
        await XCTAssertThrowsErrorAsync(try await tenant.rollback(domain: "demo"))
        await XCTAssertThrowsErrorAsync(try await tenant.activate(domain: "demo", domainVersion: domain.version, policyVersion: SemanticVersion(4, 0, 0)))
    }

    func testTenantsAreIsolated() async throws {
        let store = InMemoryPackStore()
        let registry = PackRegistry(store: store)
        let first = try await registry.tenant("t1")
        let second = try await registry.tenant("t2")
        try await first.register(domain)
        try await first.register(policy(tenant: "t1"))
        try await first.activate(domain: "demo", domainVersion: domain.version, policyVersion: SemanticVersion(1, 0, 0))

        let secondActive = try await second.activeBundle(domain: "demo")
        XCTAssertNil(secondActive)
        let secondVersions = try await second.versions(domain: "demo")
        XCTAssertEqual(secondVersions, [])
        let secondDomains = try await second.domains()
        XCTAssertEqual(secondDomains, [])
        // t2 cannot store a policy that names t1, nor activate t1's versions, nor escape its namespace.
        await XCTAssertThrowsErrorAsync(try await second.register(self.policy(tenant: "t1")))
        await XCTAssertThrowsErrorAsync(try await second.activate(domain: "demo", domainVersion: self.domain.version, policyVersion: SemanticVersion(1, 0, 0)))
        await XCTAssertThrowsErrorAsync(try await second.activeBundle(domain: "../t1/demo"))
        await XCTAssertThrowsErrorAsync(try await registry.tenant("../t1"))
        let firstActive = try await first.activeBundle(domain: "demo")
        XCTAssertEqual(firstActive?.tenant.tenantID, "t1")
    }

    func testAtomicWriteLeavesPreviousVersionAfterACrash() async throws {
        let store = FileSystemPackStore(root: root)
        let key = PackStoreKey(tenant: "t1", domain: "demo", kind: .state)
        try await store.write(Data("{\"generation\":1}".utf8), at: key)
        let target = store.fileURL(for: key)

        // A writer killed (SIGKILL) after writing half of the new content to its temporary file.
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '{\"generation\":2, \"trunc' > '\(target.deletingLastPathComponent().path)/.state.json.tmp-crashed'; kill -9 $$"]
        try writer.run()
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationReason, .uncaughtSignal)

        let afterCrash = try await store.read(key)
        XCTAssertEqual(afterCrash.map { String(decoding: $0, as: UTF8.self) }, "{\"generation\":1}")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        XCTAssertTrue(leftovers.contains(".state.json.tmp-crashed"))

        try await store.write(Data("{\"generation\":3}".utf8), at: key)
        let afterWrite = try await store.read(key)
        XCTAssertEqual(afterWrite.map { String(decoding: $0, as: UTF8.self) }, "{\"generation\":3}")
        let remaining = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        XCTAssertEqual(remaining, ["state.json"])
    }

    func testRegistryStateSurvivesACrashedStateWrite() async throws {
        let registry = PackRegistry(store: FileSystemPackStore(root: root))
        let tenant = try await registry.tenant("t1")
        try await tenant.register(domain)
        try await tenant.register(policy())
        try await tenant.activate(domain: "demo", domainVersion: domain.version, policyVersion: SemanticVersion(1, 0, 0))
        let directory = root.appendingPathComponent("t1/demo")
        try Data("{ torn".utf8).write(to: directory.appendingPathComponent(".state.json.tmp-torn"))
        try Data("{ torn".utf8).write(to: directory.appendingPathComponent(".2.0.0.json.tmp-torn"))

        let reopened = try await PackRegistry(store: FileSystemPackStore(root: root)).tenant("t1")
        let active = try await reopened.activeBundle(domain: "demo")
        XCTAssertEqual(active?.domain.version, domain.version)
        let versions = try await reopened.versions(domain: "demo")
        XCTAssertEqual(versions.count, 2)
    }

    func testConcurrentWritersNeverExposeATornFile() async throws {
        let store = FileSystemPackStore(root: root)
        let key = PackStoreKey(tenant: "t1", domain: "demo", kind: .domainPack, version: "1.0.0")
        let payloads = (0..<20).map { index in Data(("{\"n\":\(index),\"pad\":\"" + String(repeating: "x", count: 50_000) + "\"}").utf8) }
        try await store.write(payloads[0], at: key)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for payload in payloads.dropFirst() {
                group.addTask { try? await store.write(payload, at: key) }
            }
            group.addTask {
                for _ in 0..<50 {
                    if let data = try await store.read(key) { XCTAssertTrue(payloads.contains(data)) }
                }
            }
            try await group.waitForAll()
        }
    }

    func testHotReloadActivatesValidPacksAndKeepsTheLastGoodVersion() async throws {
        let packs = root.appendingPathComponent("watched")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try PackFixtures.domainJSON.write(to: packs.appendingPathComponent("demo.json"), atomically: true, encoding: .utf8)
        try PackFixtures.tenantJSON.write(to: packs.appendingPathComponent("t1.json"), atomically: true, encoding: .utf8)
        let registry = PackRegistry(store: FileSystemPackStore(root: root.appendingPathComponent("store")))
        let watcher = PackDirectoryWatcher(directory: packs, registry: registry, pollInterval: .milliseconds(10), debounce: .milliseconds(50))

        let first = await watcher.reload()
        XCTAssertEqual(first.validation.errors, [])
        XCTAssertEqual(first.activations.map(\.tenantID), ["t1"])
        let tenant = try await registry.tenant("t1")

        // A new, valid version is picked up by polling once the file has been stable for the debounce time.
        let updated = PackFixtures.tenant.setting("/version", to: "1.1.0").setting("/guardrailOverrides/humanApprovalThreshold", to: 250)
        try PackDocumentWriter.string(updated, format: .yaml).write(to: packs.appendingPathComponent("t1.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: packs.appendingPathComponent("t1.json"))
        try await pollUntilReload(watcher)
        let afterUpdate = try await tenant.activeBundle(domain: "demo")
        XCTAssertEqual(afterUpdate?.tenant.version, SemanticVersion(1, 1, 0))

        // An invalid new version changes nothing; the findings are reported.
        let invalid = PackFixtures.tenant.setting("/version", to: "1.2.0").setting("/approvedBusinessProcesses", to: ["no-such-playbook"])
        try PackDocumentWriter.string(invalid, format: .json).write(to: packs.appendingPathComponent("t1.yaml"), atomically: true, encoding: .utf8)
        let report = try await pollUntilReload(watcher)
        XCTAssertEqual(report.validation.errors.map(\.code), [.unknownPlaybook])
        XCTAssertEqual(report.activations, [])
        let afterInvalid = try await tenant.activeBundle(domain: "demo")
        XCTAssertEqual(afterInvalid?.tenant.version, SemanticVersion(1, 1, 0))

        // So does a file that does not even parse.
        try "tenantId: t1\nversion: [".write(to: packs.appendingPathComponent("t1.yaml"), atomically: true, encoding: .utf8)
        let syntax = await watcher.reload()
        XCTAssertEqual(syntax.validation.errors.map(\.code), [.syntaxError])
        let afterSyntax = try await tenant.activeBundle(domain: "demo")
        XCTAssertEqual(afterSyntax?.tenant.version, SemanticVersion(1, 1, 0))
    }

    func testBackgroundPollingPicksUpChanges() async throws {
        let packs = root.appendingPathComponent("watched")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        let registry = PackRegistry(store: InMemoryPackStore())
        let watcher = PackDirectoryWatcher(directory: packs, registry: registry, pollInterval: .milliseconds(10), debounce: .milliseconds(30))
        await watcher.start()
        try PackFixtures.domainJSON.write(to: packs.appendingPathComponent("demo.json"), atomically: true, encoding: .utf8)
        try PackFixtures.tenantJSON.write(to: packs.appendingPathComponent("t1.json"), atomically: true, encoding: .utf8)
        let tenant = try await registry.tenant("t1")
        var active: PackBundle?
        for _ in 0..<500 where active == nil {
            try await Task.sleep(for: .milliseconds(10))
            active = try await tenant.activeBundle(domain: "demo")
        }
        await watcher.stop()
        XCTAssertEqual(active?.tenant.tenantID, "t1")
    }

    @discardableResult
    private func pollUntilReload(_ watcher: PackDirectoryWatcher) async throws -> PackDirectoryWatcher.ReloadReport {
        for _ in 0..<500 {
            if let report = await watcher.poll() { return report }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw PacksError(.storageFailure, "the watcher never reloaded")
    }
}

func XCTAssertThrowsErrorAsync<T>(_ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line) async {
    do {
        _ = try await expression()
        XCTFail("expected an error", file: file, line: line)
    } catch {}
}
