import EventLog
import Foundation
import Packs

extension TracewiseAPI {
    /// The id of the generated log the demo tenant is seeded with.
    public static let demoLogID = "order-to-cash"

    /// Seeds `tenant` for a first look: the generated order-to-cash log of `tracewise-demo` (50,000 events,
    /// seed 2024) unless the tenant has it, the sample packs under `packsDirectory` (each `<domain>/domain-pack.json`
    /// with its `tenant-pack.json`, rebound to `tenant`) activated where the domain has no activation yet, and a
    /// new admin key labelled `demo` (earlier demo keys of the tenant are revoked, since only their hashes are kept).
    ///
    /// - Returns: the new admin key.
    public func seedDemo(tenant: String = "demo", packsDirectory: URL?) async throws -> String {
        if try await !stores.logs.logs(tenant: tenant).contains(where: { $0.name == Self.demoLogID }) {
            var log = SyntheticLog.generate(events: 50_000, seed: 2024)
            log.provenance.source = Provenance.Source(location: "order-to-cash.xes (generated)", format: "synthetic",
                                                      options: ["events": "50000", "seed": "2024"])
            _ = try await stores.logs.importLog(log, name: Self.demoLogID, tenant: tenant)
        }
        if let packsDirectory { try await seedPacks(tenant: tenant, from: packsDirectory) }
        for record in try await stores.keys.records(tenant: tenant) where record.label == "demo" {
            _ = try await stores.keys.delete(id: record.id, tenant: tenant)
        }
        let (key, record) = APIKeys.make(tenant: tenant, role: .admin, label: "demo")
        try await stores.keys.insert(record)
        return key
    }

    private func seedPacks(tenant: String, from directory: URL) async throws {
        let loader = PackLoader()
        let packs = try await exceptions.registry.tenant(tenant)
        let domains = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
        for name in domains {
            let folder = directory.appendingPathComponent(name)
            let domainURL = folder.appendingPathComponent("domain-pack.json")
            let policyURL = folder.appendingPathComponent("tenant-pack.json")
            guard FileManager.default.fileExists(atPath: domainURL.path), FileManager.default.fileExists(atPath: policyURL.path) else { continue }
            let domainPack = try loader.loadDomainPack(at: domainURL).get()
            guard case .object(var members)? = loader.readDocument(at: policyURL).document else { continue }
            members["tenantId"] = .string(tenant)
            let policy = try loader.validateTenantPolicyPack(.object(members), domainPack: domainPack).get()
            try await packs.register(domainPack)
            try await packs.register(policy)
            if try await packs.activation(domain: domainPack.domainName) == nil {
                try await packs.activate(domain: domainPack.domainName, domainVersion: domainPack.version, policyVersion: policy.version)
            }
        }
    }
}
