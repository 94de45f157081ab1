import Foundation

/// Versioned packs per tenant: register domain packs and tenant policy packs, activate a pair of versions
/// as the tenant's bundle for a domain, roll back to the previous pair, and list versions with usage.
///
/// Tenants are isolated by construction: all access goes through a `TenantPackRegistry` handle bound to
/// one tenant id, every storage key contains that id, and a tenant policy pack naming another tenant is
/// refused. Every pack is validated before it is stored, and every activation validates the pair, so
/// the active bundle is always valid.
///
/// ```swift
/// let registry = PackRegistry(store: FileSystemPackStore(root: URL(fileURLWithPath: "/var/lib/tracewise/packs")))
/// let acme = try await registry.tenant("acme-capital")
/// try await acme.register(domainPack)
/// try await acme.register(tenantPolicy)
/// let bundle = try await acme.activate(domain: "finance", domainVersion: domainPack.version, policyVersion: tenantPolicy.version)
/// ```
public actor PackRegistry {
    private let store: any PackStore
    private let loader: PackLoader
    private let clock: @Sendable () -> Date
    private var states: [StateKey: PackRegistryState] = [:]
    private var activeBundles: [StateKey: PackBundle] = [:]

    private struct StateKey: Hashable {
        var tenant: String
        var domain: String
    }

    public init(store: any PackStore, loader: PackLoader = PackLoader(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.loader = loader
        self.clock = clock
    }

    /// The handle through which one tenant's packs are reached.
    /// - Throws: `PacksError` (`invalidPack`) when the id is not a valid identifier.
    public func tenant(_ tenantID: String) throws(PacksError) -> TenantPackRegistry {
        guard StringFormatCheck.isIdentifier(tenantID) else {
            throw PacksError(.invalidPack, "'\(tenantID.prefix(64))' is not a valid tenant id")
        }
        return TenantPackRegistry(tenantID: tenantID, registry: self)
    }

    // MARK: Operations (reached through TenantPackRegistry)

    func register(_ pack: DomainPack, tenant: String) async throws -> PackVersionInfo {
        let document = try PackValue(encoding: pack)
        let result = loader.validateDomainPack(document)
        guard result.pack != nil else { throw PacksError(.invalidPack, "domain pack is invalid: \(result.report.errors.prefix(3).map(\.description).joined(separator: "; "))") }
        let key = PackStoreKey(tenant: tenant, domain: pack.domainName, kind: .domainPack, version: pack.version.description)
        try await storeImmutable(document, at: key)
        var state = try await loadState(tenant: tenant, domain: pack.domainName)
        if state.domainVersions[key.version] == nil { state.domainVersions[key.version] = .init(registeredAt: clock()) }
        try await saveState(state, tenant: tenant, domain: pack.domainName)
        return info(kind: .domain, version: pack.version, state: state)
    }

    func register(_ pack: TenantPolicyPack, tenant: String) async throws -> PackVersionInfo {
        guard pack.tenantID == tenant else {
            throw PacksError(.invalidPack, "the policy pack belongs to tenant '\(pack.tenantID)', not '\(tenant)'")
        }
        let document = try PackValue(encoding: pack)
        let result = loader.validateTenantPolicyPack(document, domainPack: nil)
        guard result.pack != nil else { throw PacksError(.invalidPack, "tenant policy pack is invalid: \(result.report.errors.prefix(3).map(\.description).joined(separator: "; "))") }
        let key = PackStoreKey(tenant: tenant, domain: pack.domainName, kind: .tenantPolicy, version: pack.version.description)
        try await storeImmutable(document, at: key)
        var state = try await loadState(tenant: tenant, domain: pack.domainName)
        if state.policyVersions[key.version] == nil { state.policyVersions[key.version] = .init(registeredAt: clock()) }
        try await saveState(state, tenant: tenant, domain: pack.domainName)
        return info(kind: .tenantPolicy, version: pack.version, state: state)
    }

    func activate(tenant: String, domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        try Self.checkDomainName(domain)
        let bundle = try await loadBundle(tenant: tenant, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
        var state = try await loadState(tenant: tenant, domain: domain)
        state.history.append(PackActivation(domainVersion: domainVersion, policyVersion: policyVersion, activatedAt: clock()))
        state.domainVersions[domainVersion.description]?.activationCount += 1
        state.policyVersions[policyVersion.description]?.activationCount += 1
        try await saveState(state, tenant: tenant, domain: domain)
        activeBundles[StateKey(tenant: tenant, domain: domain)] = bundle
        return bundle
    }

    func rollback(tenant: String, domain: String) async throws -> PackBundle {
        try Self.checkDomainName(domain)
        var state = try await loadState(tenant: tenant, domain: domain)
        guard state.history.count >= 2 else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no earlier activation of '\(domain)' to roll back to")
        }
        let current = state.history[state.history.count - 1]
        guard let previous = state.history.dropLast().last(where: {
            $0.domainVersion != current.domainVersion || $0.policyVersion != current.policyVersion
        }) else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no earlier, different activation of '\(domain)'")
        }
        let bundle = try await loadBundle(tenant: tenant, domain: domain, domainVersion: previous.domainVersion, policyVersion: previous.policyVersion)
        state.history.append(PackActivation(domainVersion: previous.domainVersion, policyVersion: previous.policyVersion, activatedAt: clock()))
        state.domainVersions[previous.domainVersion.description]?.activationCount += 1
        state.policyVersions[previous.policyVersion.description]?.activationCount += 1
        try await saveState(state, tenant: tenant, domain: domain)
        activeBundles[StateKey(tenant: tenant, domain: domain)] = bundle
        return bundle
    }

    func activeBundle(tenant: String, domain: String) async throws -> PackBundle? {
        try Self.checkDomainName(domain)
        let key = StateKey(tenant: tenant, domain: domain)
        if let bundle = activeBundles[key] { return bundle }
        guard let active = try await loadState(tenant: tenant, domain: domain).active else { return nil }
        let bundle = try await loadBundle(tenant: tenant, domain: domain, domainVersion: active.domainVersion, policyVersion: active.policyVersion)
        activeBundles[key] = bundle
        return bundle
    }

    func bundle(tenant: String, domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        try Self.checkDomainName(domain)
        return try await loadBundle(tenant: tenant, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
    }

    func activation(tenant: String, domain: String) async throws -> PackActivation? {
        try Self.checkDomainName(domain)
        return try await loadState(tenant: tenant, domain: domain).active
    }

    func versions(tenant: String, domain: String) async throws -> [PackVersionInfo] {
        try Self.checkDomainName(domain)
        let state = try await loadState(tenant: tenant, domain: domain)
        let domains = state.domainVersions.keys.compactMap(SemanticVersion.init).sorted().map { info(kind: .domain, version: $0, state: state) }
        let policies = state.policyVersions.keys.compactMap(SemanticVersion.init).sorted().map { info(kind: .tenantPolicy, version: $0, state: state) }
        return domains + policies
    }

    func recordUsage(tenant: String, domain: String, count: Int) async throws {
        try Self.checkDomainName(domain)
        var state = try await loadState(tenant: tenant, domain: domain)
        guard let active = state.active else { return }
        let now = clock()
        state.domainVersions[active.domainVersion.description]?.usageCount += count
        state.domainVersions[active.domainVersion.description]?.lastUsedAt = now
        state.policyVersions[active.policyVersion.description]?.usageCount += count
        state.policyVersions[active.policyVersion.description]?.lastUsedAt = now
        states[StateKey(tenant: tenant, domain: domain)] = state
    }

    func flushUsage(tenant: String, domain: String) async throws {
        try Self.checkDomainName(domain)
        guard let state = states[StateKey(tenant: tenant, domain: domain)] else { return }
        try await saveState(state, tenant: tenant, domain: domain)
    }

    func domains(tenant: String) async throws -> [String] {
        try await store.domains(tenant: tenant)
    }

    // MARK: Storage

    /// Domain names become directory names: only identifiers (no `/`, no leading `.`) are accepted.
    private static func checkDomainName(_ domain: String) throws(PacksError) {
        guard StringFormatCheck.isIdentifier(domain) else {
            throw PacksError(.invalidPack, "'\(domain.prefix(64))' is not a valid domain name")
        }
    }

    private func info(kind: PackKind, version: SemanticVersion, state: PackRegistryState) -> PackVersionInfo {
        let record = (kind == .domain ? state.domainVersions : state.policyVersions)[version.description]
        let active = state.active.map { kind == .domain ? $0.domainVersion == version : $0.policyVersion == version } ?? false
        return PackVersionInfo(
            kind: kind, version: version, registeredAt: record?.registeredAt ?? clock(), isActive: active,
            activationCount: record?.activationCount ?? 0, usageCount: record?.usageCount ?? 0, lastUsedAt: record?.lastUsedAt)
    }

    /// Stores a version once: the same content again is a no-op, different content under a stored version
    /// is refused (versions are immutable; publish a new version instead).
    private func storeImmutable(_ document: PackValue, at key: PackStoreKey) async throws {
        let data = Data(try PackDocumentWriter.string(document, format: .json).utf8)
        if let existing = try await store.read(key) {
            guard existing == data else {
                throw PacksError(.invalidPack, "\(key.kind == .domainPack ? "domain pack" : "tenant policy pack") '\(key.domain)' \(key.version) is already registered with different content; publish a new version")
            }
            return
        }
        try await store.write(data, at: key)
    }

    private func loadBundle(tenant: String, domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        let domainKey = PackStoreKey(tenant: tenant, domain: domain, kind: .domainPack, version: domainVersion.description)
        let policyKey = PackStoreKey(tenant: tenant, domain: domain, kind: .tenantPolicy, version: policyVersion.description)
        guard let domainData = try await store.read(domainKey) else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no domain pack '\(domain)' \(domainVersion)")
        }
        guard let policyData = try await store.read(policyKey) else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no policy pack for '\(domain)' \(policyVersion)")
        }
        let domainPack = try loader.loadDomainPack(text: String(decoding: domainData, as: UTF8.self), format: .json).get()
        let policy = try loader.loadTenantPolicyPack(text: String(decoding: policyData, as: UTF8.self), format: .json, domainPack: domainPack).get()
        guard policy.tenantID == tenant else {
            throw PacksError(.invalidPack, "stored policy pack belongs to tenant '\(policy.tenantID)', not '\(tenant)'")
        }
        return PackBundle(domain: domainPack, tenant: policy)
    }

    private func loadState(tenant: String, domain: String) async throws -> PackRegistryState {
        let key = StateKey(tenant: tenant, domain: domain)
        if let state = states[key] { return state }
        let state: PackRegistryState
        if let data = try await store.read(PackStoreKey(tenant: tenant, domain: domain, kind: .state)) {
            do {
                state = try Self.decoder.decode(PackRegistryState.self, from: data)
            } catch {
                throw PacksError(.storageFailure, "registry state of \(tenant)/\(domain) is unreadable: \(error)")
            }
        } else {
            state = PackRegistryState()
        }
        states[key] = state
        return state
    }

    private func saveState(_ state: PackRegistryState, tenant: String, domain: String) async throws {
        try await store.write(try Self.encoder.encode(state), at: PackStoreKey(tenant: tenant, domain: domain, kind: .state))
        states[StateKey(tenant: tenant, domain: domain)] = state
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
