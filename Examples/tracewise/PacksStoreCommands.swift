import ArgumentParser
import Foundation
import Packs

/// `tracewise packs publish --store STORE --domain-pack D --tenant-pack T` → `{"tenantId","domain","domainVersion",
/// "policyVersion"}`: registers both packs in the store's pack registry (a version is immutable: publishing the
/// same version with other content fails) and activates the pair, so `exceptions submit --tenant T --domain D`,
/// workers and servers sharing the store use it.
struct PacksPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Register a domain pack and a tenant policy pack in a store and activate them for the tenant.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @OptionGroup var packs: PackOptions

    struct Output: Encodable {
        var tenantID: String
        var domain: String
        var domainVersion: String
        var policyVersion: String

        /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
        private enum CodingKeys: String, CodingKey {
            case tenantID = "tenantId", domain, domainVersion, policyVersion
        }
    }

    func run() async throws {
        let bundle = try packs.bundle()
        let opened = try await store.open()
        defer { opened.close() }
        let registry = try await PackRegistry(store: opened.packs).tenant(bundle.tenant.tenantID)
        try await registry.register(bundle.domain)
        try await registry.register(bundle.tenant)
        let active = try await registry.activate(domain: bundle.domain.domainName, domainVersion: bundle.domain.version,
                                                 policyVersion: bundle.tenant.version)
        try JSONOutput.print(Output(tenantID: active.tenant.tenantID, domain: active.domain.domainName,
                                    domainVersion: active.domain.version.description, policyVersion: active.tenant.version.description))
    }
}

/// `tracewise packs list --store STORE --tenant T --format json`: per domain, the active versions and every
/// registered version of the tenant's packs in the store.
struct PacksListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a tenant's packs in a store: per domain the active pair and every registered version.")

    @Option(help: ArgumentHelp("The store: sqlite:PATH or a postgres:// URL.", valueName: "store"))
    var store: StoreLocation

    @Option(help: "The tenant whose packs to list.")
    var tenant: String

    @OptionGroup var output: FormatOptions

    /// One domain's packs (the shape of the server's `GET /tenants/{tenant}/packs` items).
    struct Item: Encodable {
        var domain: String
        var active: PackActivation?
        var versions: [PackVersionInfo]
    }

    func run() async throws {
        let opened = try await store.open()
        defer { opened.close() }
        let registry = try await PackRegistry(store: opened.packs).tenant(tenant)
        var items: [Item] = []
        for domain in try await registry.domains().sorted() {
            items.append(Item(domain: domain, active: try await registry.activation(domain: domain),
                              versions: try await registry.versions(domain: domain)))
        }
        switch output.format {
        case .json:
            try JSONOutput.print(items)
        case .text:
            for item in items {
                let active = item.active.map { "active \($0.domainVersion) + policy \($0.policyVersion)" } ?? "nothing active"
                print("\(item.domain): \(active); \(item.versions.count) versions")
            }
        }
    }
}
