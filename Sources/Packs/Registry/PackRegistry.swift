import Foundation

/// Versioned packs per tenant: register domain packs and tenant policy packs, activate a pair of versions
/// as the tenant's bundle for a domain, roll back to the previous pair, and list versions with usage.
///
/// Tenants are isolated by construction: all access goes through a `TenantPackRegistry` handle bound to
/// one tenant id, every storage key contains that id, and a tenant policy pack naming another tenant is
/// refused. Every pack is validated before it is stored, and every activation validates the pair, so
/// the active bundle is always valid.
///
/// Several registries — in one process or in many sharing a database — may work on one store: the state
/// (activations, versions, usage) is never cached, every change rereads it and replaces it with
/// ``PackStore/replace(_:expecting:with:)``, retrying when another writer got there first, so no activation
/// or count is lost and every registry sees the others' activations on its next call.
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
    /// The bundle last loaded per tenant and domain, reused while its pair of versions stays active.
    private var activeBundles: [StateKey: PackBundle] = [:]
    /// Usage counted with ``recordUsage(tenant:domain:count:)`` and not stored yet.
    private var pendingUsage: [StateKey: [PackRegistryState.VersionPair: PackRegistryState.PendingUsage]] = [:]

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
        let state = try await changeState(tenant: tenant, domain: pack.domainName) { state in
            if state.domainVersions[key.version] == nil { state.domainVersions[key.version] = .init(registeredAt: clock()) }
        }
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
        let state = try await changeState(tenant: tenant, domain: pack.domainName) { state in
            if state.policyVersions[key.version] == nil { state.policyVersions[key.version] = .init(registeredAt: clock()) }
        }
        return info(kind: .tenantPolicy, version: pack.version, state: state)
    }

    func activate(tenant: String, domain: String, domainVersion: SemanticVersion, policyVersion: SemanticVersion) async throws -> PackBundle {
        try Self.checkDomainName(domain)
        let bundle = try await loadBundle(tenant: tenant, domain: domain, domainVersion: domainVersion, policyVersion: policyVersion)
        try await changeState(tenant: tenant, domain: domain) { state in
            state.history.append(PackActivation(domainVersion: domainVersion, policyVersion: policyVersion, activatedAt: clock()))
            state.domainVersions[domainVersion.description]?.activationCount += 1
            state.policyVersions[policyVersion.description]?.activationCount += 1
        }
        activeBundles[StateKey(tenant: tenant, domain: domain)] = bundle
        return bundle
    }

    func rollback(tenant: String, domain: String) async throws -> PackBundle {
        try Self.checkDomainName(domain)
        for _ in 0 ..< Self.maximumAttempts {
            let previous = try Self.rollbackTarget(in: try await readState(tenant: tenant, domain: domain).state, tenant: tenant, domain: domain)
            let bundle = try await loadBundle(tenant: tenant, domain: domain, domainVersion: previous.domainVersion, policyVersion: previous.policyVersion)
            var rolledBack = false
            try await changeState(tenant: tenant, domain: domain) { state in
                // Another writer may have activated since the read: roll back from what is stored now, or look again.
                let target = try Self.rollbackTarget(in: state, tenant: tenant, domain: domain)
                guard target.domainVersion == previous.domainVersion, target.policyVersion == previous.policyVersion else { return }
                state.history.append(PackActivation(domainVersion: target.domainVersion, policyVersion: target.policyVersion, activatedAt: clock()))
                state.domainVersions[target.domainVersion.description]?.activationCount += 1
                state.policyVersions[target.policyVersion.description]?.activationCount += 1
                rolledBack = true
            }
            if rolledBack {
                activeBundles[StateKey(tenant: tenant, domain: domain)] = bundle
                return bundle
            }
        }
        throw PacksError(.storageFailure, "activations of \(tenant)/\(domain) kept changing under other writers; try again")
    }

    func activeBundle(tenant: String, domain: String) async throws -> PackBundle? {
        try Self.checkDomainName(domain)
        let key = StateKey(tenant: tenant, domain: domain)
        guard let active = try await readState(tenant: tenant, domain: domain).state.active else { return nil }
        if let bundle = activeBundles[key], bundle.domain.version == active.domainVersion, bundle.tenant.version == active.policyVersion {
            return bundle
        }
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
        return try await readState(tenant: tenant, domain: domain).state.active
    }

    func versions(tenant: String, domain: String) async throws -> [PackVersionInfo] {
        try Self.checkDomainName(domain)
        var state = try await readState(tenant: tenant, domain: domain).state
        state.apply(pendingUsage[StateKey(tenant: tenant, domain: domain)] ?? [:])
        let domains = state.domainVersions.keys.compactMap(SemanticVersion.init).sorted().map { info(kind: .domain, version: $0, state: state) }
        let policies = state.policyVersions.keys.compactMap(SemanticVersion.init).sorted().map { info(kind: .tenantPolicy, version: $0, state: state) }
        return domains + policies
    }

    func recordUsage(tenant: String, domain: String, count: Int) async throws {
        try Self.checkDomainName(domain)
        guard let active = try await readState(tenant: tenant, domain: domain).state.active else { return }
        let pair = PackRegistryState.VersionPair(domainVersion: active.domainVersion.description, policyVersion: active.policyVersion.description)
        pendingUsage[StateKey(tenant: tenant, domain: domain), default: [:]][pair, default: .init()].merge(.init(count: count, lastUsedAt: clock()))
    }

    func flushUsage(tenant: String, domain: String) async throws {
        try Self.checkDomainName(domain)
        guard pendingUsage[StateKey(tenant: tenant, domain: domain)] != nil else { return }
        try await changeState(tenant: tenant, domain: domain) { _ in }
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
    /// is refused (versions are immutable; publish a new version instead) — also when another writer stores the
    /// version at the same moment.
    private func storeImmutable(_ document: PackValue, at key: PackStoreKey) async throws {
        let data = Data(try PackDocumentWriter.string(document, format: .json).utf8)
        if try await store.replace(key, expecting: nil, with: data) { return }
        guard try await store.read(key) == data else {
            throw PacksError(.invalidPack, "\(key.kind == .domainPack ? "domain pack" : "tenant policy pack") '\(key.domain)' \(key.version) is already registered with different content; publish a new version")
        }
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

    /// The stored state and the exact bytes it was read from (nil when there is none yet).
    private func readState(tenant: String, domain: String) async throws -> (state: PackRegistryState, stored: Data?) {
        guard let data = try await store.read(PackStoreKey(tenant: tenant, domain: domain, kind: .state)) else {
            return (PackRegistryState(), nil)
        }
        do {
            return (try Self.decoder.decode(PackRegistryState.self, from: data), data)
        } catch {
            throw PacksError(.storageFailure, "registry state of \(tenant)/\(domain) is unreadable: \(error)")
        }
    }

    /// Applies `change` and the pending usage to the stored state and replaces it, rereading and applying again
    /// when another writer replaced it in between; returns the state stored.
    @discardableResult
    private func changeState(tenant: String, domain: String, _ change: (inout PackRegistryState) throws -> Void) async throws -> PackRegistryState {
        let key = StateKey(tenant: tenant, domain: domain)
        let storeKey = PackStoreKey(tenant: tenant, domain: domain, kind: .state)
        for _ in 0 ..< Self.maximumAttempts {
            var (state, stored) = try await readState(tenant: tenant, domain: domain)
            try change(&state)
            // Taken out while it is being written, so a change running meanwhile cannot store the same counts again.
            let usage = pendingUsage.removeValue(forKey: key) ?? [:]
            state.apply(usage)
            let replaced: Bool
            do {
                replaced = try await store.replace(storeKey, expecting: stored, with: try Self.encoder.encode(state))
            } catch {
                restorePendingUsage(usage, key: key)
                throw error
            }
            if replaced { return state }
            restorePendingUsage(usage, key: key)
        }
        throw PacksError(.storageFailure, "registry state of \(tenant)/\(domain) kept changing under other writers; try again")
    }

    /// Puts back usage a failed write had taken out.
    private func restorePendingUsage(_ usage: [PackRegistryState.VersionPair: PackRegistryState.PendingUsage], key: StateKey) {
        for (pair, counted) in usage { pendingUsage[key, default: [:]][pair, default: .init()].merge(counted) }
    }

    /// How often ``changeState(tenant:domain:_:)`` rereads before giving up.
    private static let maximumAttempts = 64

    /// The activation before the current one with a different pair of versions.
    private static func rollbackTarget(in state: PackRegistryState, tenant: String, domain: String) throws -> PackActivation {
        guard let current = state.history.last, state.history.count >= 2 else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no earlier activation of '\(domain)' to roll back to")
        }
        guard let previous = state.history.dropLast().last(where: {
            $0.domainVersion != current.domainVersion || $0.policyVersion != current.policyVersion
        }) else {
            throw PacksError(.invalidPack, "tenant '\(tenant)' has no earlier, different activation of '\(domain)'")
        }
        return previous
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
