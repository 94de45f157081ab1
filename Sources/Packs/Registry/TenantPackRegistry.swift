/// One tenant's view of a `PackRegistry`. Every operation is scoped to `tenantId`; there is no way to name
/// another tenant through it.
public struct TenantPackRegistry: Sendable {
    public let tenantID: String
    private let registry: PackRegistry

    init(tenantID: String, registry: PackRegistry) {
        self.tenantID = tenantID
        self.registry = registry
    }

    /// Validates and stores a domain pack version for this tenant (idempotent for identical content).
    /// - Throws: `PacksError` when the pack is invalid or the version exists with other content.
    @discardableResult
    public func register(_ pack: DomainPack) async throws -> PackVersionInfo {
        try await registry.register(pack, tenant: tenantID)
    }

    /// Validates and stores a tenant policy pack version; it must name this tenant.
    @discardableResult
    public func register(_ pack: TenantPolicyPack) async throws -> PackVersionInfo {
        try await registry.register(pack, tenant: tenantID)
    }

    /// Makes a registered pair of versions the active bundle for `domain`, after validating them together.
    @discardableResult
    public func activate(domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        try await registry.activate(tenant: tenantID, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
    }

    /// Re-activates the most recent earlier activation that differs from the current one.
    @discardableResult
    public func rollback(domain: String) async throws -> PackBundle {
        try await registry.rollback(tenant: tenantID, domain: domain)
    }

    /// The active bundle for `domain`, or nil when nothing was activated.
    public func activeBundle(domain: String) async throws -> PackBundle? {
        try await registry.activeBundle(tenant: tenantID, domain: domain)
    }

    /// The bundle of a registered pair of versions, active or not (versions are immutable, so a job that
    /// recorded the pair at submission runs under exactly those packs).
    public func bundle(domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        try await registry.bundle(tenant: tenantID, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
    }

    /// The active pair of versions for `domain`.
    public func activation(domain: String) async throws -> PackActivation? {
        try await registry.activation(tenant: tenantID, domain: domain)
    }

    /// Every registered version for `domain` (domain packs, then policy packs, each oldest first).
    public func versions(domain: String) async throws -> [PackVersionInfo] {
        try await registry.versions(tenant: tenantID, domain: domain)
    }

    /// Counts `count` exceptions processed with the active versions of `domain`. Kept in memory; written with
    /// the next registration, activation or `flushUsage(domain:)`.
    public func recordUsage(domain: String, count: Int = 1) async throws {
        try await registry.recordUsage(tenant: tenantID, domain: domain, count: count)
    }

    /// Writes the usage counts of `domain` to the store.
    public func flushUsage(domain: String) async throws {
        try await registry.flushUsage(tenant: tenantID, domain: domain)
    }

    /// The domains this tenant has packs for.
    public func domains() async throws -> [String] {
        try await registry.domains(tenant: tenantID)
    }
}
