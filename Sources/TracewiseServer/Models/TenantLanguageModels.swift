import Explain
import Foundation
import Packs
import TracewiseModels

/// The language model each tenant's active policy pack selects (`model.provider` and `model.name`), built by
/// TracewiseModels under that tenant's redaction, quota, timeout and retries, with endpoints and keys from
/// ``ServerConfiguration/modelEnvironment`` only (never from a pack). A policy with `provider: none` (the
/// default) keeps the tenant offline and deterministic: no model, the template narratives and the rule-based
/// exception path.
///
/// A model that cannot be built (its key variable unset, an unknown provider, an invalid redaction pattern)
/// becomes an ``UnavailableLanguageModel``: every narrative and advisory call then falls back to the
/// offline path and records why, instead of silently running offline.
actor TenantLanguageModels {
    private struct PolicyKey: Hashable {
        var tenant: String
        var domain: String
        var version: String
    }

    private let registry: PackRegistry
    private let environment: [String: String]
    /// One ledger for every tenant of this process: quotas are per tenant, per process.
    private let ledger = TenantQuotaLedger()
    private var built: [PolicyKey: any LanguageModel] = [:]

    init(registry: PackRegistry, environment: [String: String]) {
        self.registry = registry
        self.environment = environment
    }

    /// The model `policy` selects, or nil when it selects none. Policy versions are immutable, so one client
    /// is built per tenant, domain and version.
    func model(for policy: TenantPolicyPack) async -> (any LanguageModel)? {
        guard policy.model.provider != "none" else { return nil }
        let key = PolicyKey(tenant: policy.tenantID, domain: policy.domainName, version: policy.version.description)
        if let model = built[key] { return model }
        let model: any LanguageModel
        do {
            if let client = try await LanguageModels.make(for: policy, ledger: ledger, environment: environment) {
                model = client
            } else {
                return nil
            }
        } catch {
            model = UnavailableLanguageModel(name: "\(policy.model.provider):\(policy.model.name ?? "")", reason: String(describing: error))
        }
        built[key] = model
        return model
    }

    /// The model that writes an analysis's narratives: the policy of `domain`'s active bundle when the analysis
    /// names one, else the first active bundle (domains in name order) whose policy selects a model; nil when
    /// none does.
    /// - Throws: ``ServerError`` 409 `no-active-pack` when the named domain has no active bundle.
    func narrationModel(tenant: String, domain: String?) async throws -> (any LanguageModel)? {
        let packs = try await registry.tenant(tenant)
        if let domain {
            guard let bundle = try await packs.activeBundle(domain: domain) else {
                throw ServerError(.conflict, code: "no-active-pack", "the tenant has no active pack for domain \(domain)")
            }
            return await model(for: bundle.tenant)
        }
        for name in try await packs.domains().sorted() {
            if let bundle = try await packs.activeBundle(domain: name), bundle.tenant.model.provider != "none" {
                return await model(for: bundle.tenant)
            }
        }
        return nil
    }
}
