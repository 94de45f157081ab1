import Foundation
import XCTest

/// The store contract: `logs import|list`, `stats`/`dfg NAME --store`, `exceptions submit|list`, `worker` and
/// `audit verify --store`, on SQLite always and on PostgreSQL when `TRACEWISE_POSTGRES_URL` is set.
final class StoreCLITests: XCTestCase {
    private func stores() throws -> [String] {
        let fixtures = try CLIFixtures.shared()
        var stores = ["sqlite:" + fixtures.path("store-\(UUID().uuidString).sqlite")]
        if let url = ProcessInfo.processInfo.environment["TRACEWISE_POSTGRES_URL"], !url.isEmpty {
            stores.append(url)
        } else {
            print("SKIPPED: TRACEWISE_POSTGRES_URL is not set; the CLI store contract runs on SQLite only")
        }
        return stores
    }

    func testLogsImportListAndStoredStatsAndDfgPrintTheFileJSON() throws {
        let fixtures = try CLIFixtures.shared()
        for store in try stores() {
            let tenant = "cli-\(UUID().uuidString.prefix(8))"
            let imported = try CLI.run(["logs", "import", fixtures.log, "--store", store, "--tenant", tenant, "--name", "o2c"])
            XCTAssertEqual(imported.status, 0, imported.stderr)
            let object = try imported.object()
            XCTAssertEqual(object["name"] as? String, "o2c")
            XCTAssertEqual(Set(object.keys), ["name", "cases", "events"])
            XCTAssertGreaterThan(object["events"] as? Int ?? 0, 0)

            let duplicate = try CLI.run(["logs", "import", fixtures.log, "--store", store, "--tenant", tenant, "--name", "o2c"])
            XCTAssertEqual(duplicate.status, 1, "importing over an existing name must fail, not replace")

            let listed = try CLI.run(["logs", "list", "--store", store, "--tenant", tenant, "--format", "json"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let logs = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(logs.map { $0["name"] as? String }, ["o2c"])

            for command in ["stats", "dfg"] {
                let fromFile = try CLI.run([command, fixtures.log, "--format", "json"])
                let fromStore = try CLI.run([command, "o2c", "--store", store, "--tenant", tenant, "--format", "json"])
                XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
                XCTAssertEqual(fromStore.stdout, fromFile.stdout, "\(command) from \(store.prefix(8)) differs from the file's")
            }
            let otherTenant = try CLI.run(["stats", "o2c", "--store", store, "--tenant", tenant + "-other", "--format", "json"])
            XCTAssertEqual(otherTenant.status, 1, "another tenant's log must not be found")
            let missingTenant = try CLI.run(["stats", "o2c", "--store", store])
            XCTAssertEqual(missingTenant.status, 2, "--store without --tenant is a usage error")
        }
    }

    func testSubmitWorkListAndVerifyExceptions() throws {
        let finance = CLIFixtures.pack("finance")
        for store in try stores() {
            let submitted = try CLI.run(["exceptions", "submit", "--store", store,
                                         "--domain-pack", finance.appendingPathComponent("domain-pack.json").path,
                                         "--tenant-pack", finance.appendingPathComponent("tenant-pack.json").path,
                                         "--input", finance.appendingPathComponent("exceptions.json").path])
            XCTAssertEqual(submitted.status, 0, submitted.stderr)
            let count = try XCTUnwrap(try submitted.object()["submitted"] as? Int)
            XCTAssertGreaterThan(count, 0)

            let worked = try CLI.run(["worker", "--store", store, "--concurrency", "2", "--exit-when-idle"])
            XCTAssertEqual(worked.status, 0, worked.stderr)

            let listed = try CLI.run(["exceptions", "list", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            XCTAssertGreaterThanOrEqual(items.count, count)
            XCTAssertTrue(items.allSatisfy { $0["exceptionId"] is String && $0["resolutionStatus"] is String })

            let verified = try CLI.run(["audit", "verify", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
            XCTAssertGreaterThan(try verified.object()["records"] as? Int ?? 0, 0)
            let usage = try CLI.run(["audit", "verify", "--store", store])
            XCTAssertEqual(usage.status, 2)
        }
    }

    /// `packs publish` registers and activates a pack pair in the store, `packs list` shows it, and `exceptions submit
    /// --tenant T --domain D` submits with the store's active bundle (no pack files), which a worker then runs.
    func testPacksPublishListAndSubmitWithTheStoresActivePacks() throws {
        let finance = CLIFixtures.pack("finance")
        let domainPack = finance.appendingPathComponent("domain-pack.json").path
        let tenantPack = finance.appendingPathComponent("tenant-pack.json").path
        let input = finance.appendingPathComponent("exceptions.json").path
        for store in try stores() {
            let noPacks = try CLI.run(["exceptions", "submit", "--store", store, "--tenant", "acme-capital", "--domain", "healthcare", "--input", input])
            XCTAssertEqual(noPacks.status, 1, "nothing published for the domain: \(noPacks.stderr)")

            let published = try CLI.run(["packs", "publish", "--store", store, "--domain-pack", domainPack, "--tenant-pack", tenantPack])
            XCTAssertEqual(published.status, 0, published.stderr)
            let info = try published.object()
            XCTAssertEqual(info["tenantId"] as? String, "acme-capital")
            XCTAssertEqual(info["domain"] as? String, "finance")
            XCTAssertNotNil(info["domainVersion"] as? String)
            let again = try CLI.run(["packs", "publish", "--store", store, "--domain-pack", domainPack, "--tenant-pack", tenantPack])
            XCTAssertEqual(again.status, 0, "publishing the same versions again is idempotent: \(again.stderr)")

            let listed = try CLI.run(["packs", "list", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let domains = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(domains.map { $0["domain"] as? String }, ["finance"])
            let active = try XCTUnwrap(domains.first?["active"] as? [String: Any])
            XCTAssertEqual(active["domainVersion"] as? String, info["domainVersion"] as? String)
            XCTAssertEqual((domains.first?["versions"] as? [Any])?.count, 2, "one domain pack and one policy version")
            let otherTenant = try CLI.run(["packs", "list", "--store", store, "--tenant", "globex", "--format", "json"])
            XCTAssertEqual(otherTenant.status, 0, otherTenant.stderr)
            let theirs = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(otherTenant.stdout.utf8)) as? [Any])
            XCTAssertTrue(theirs.isEmpty, "another tenant sees no packs")

            let submitted = try CLI.run(["exceptions", "submit", "--store", store, "--tenant", "acme-capital", "--domain", "finance", "--input", input])
            XCTAssertEqual(submitted.status, 0, submitted.stderr)
            XCTAssertGreaterThan(try submitted.object()["submitted"] as? Int ?? 0, 0)
            let worked = try CLI.run(["worker", "--store", store, "--exit-when-idle", "--memory", "store", "--memory-refresh-ms", "50"])
            XCTAssertEqual(worked.status, 0, worked.stderr)
            XCTAssertEqual(try CLI.run(["worker", "--store", store, "--memory", "elsewhere"]).status, 2)
            XCTAssertEqual(try CLI.run(["worker", "--store", store, "--memory-refresh-ms", "-1"]).status, 2)
            let outcomes = try CLI.run(["exceptions", "list", "--store", store, "--tenant", "acme-capital", "--format", "json"])
            let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcomes.stdout.utf8)) as? [[String: Any]])
            XCTAssertFalse(items.isEmpty)

            let both = try CLI.run(["exceptions", "submit", "--store", store, "--domain-pack", domainPack, "--tenant-pack", tenantPack,
                                    "--tenant", "acme-capital", "--domain", "finance", "--input", input])
            XCTAssertEqual(both.status, 2, "pack files and --tenant/--domain together are a usage error")
            let neither = try CLI.run(["exceptions", "submit", "--store", store, "--input", input])
            XCTAssertEqual(neither.status, 2)
        }
    }
}
