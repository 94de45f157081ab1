import Packs

/// A domain pack and a tenant pack compiled for the pipeline: the pack semantics (severity rules and tenant
/// overrides, guardrail conditions, block and allow lists, approval threshold, no-auto-action severities)
/// come from Packs' ``PackPolicy``, so the pipeline and every other Packs client answer alike; the pipeline
/// adds what it looks up per exception (allow-listed tools, approved playbooks, template placeholders).
///
/// The tenant may tighten anything; it may loosen (drop CRITICAL from the no-auto-action list, disable a
/// domain guardrail condition, raise the approval threshold, replace a block list) only with
/// `allowLoosening: true`.
public struct PolicyContext: Sendable {
    public let domain: DomainPack
    public let tenant: TenantPolicyPack
    /// The compiled pack semantics.
    public let rules: PackPolicy
    /// Severities for which nothing is executed automatically.
    public let noAutoActionSeverities: Set<Severity>
    /// `field >= value` demands approval.
    public let approvalThreshold: ApprovalThreshold?
    public let allowListedTools: Set<String>
    public let approvedPlaybooks: Set<String>
    /// Per playbook id, per step: the field paths its argument template quotes (parsed once).
    let stepPlaceholders: [String: [[String]]]

    /// Compiles the packs.
    /// - Throws: ``AgentsError`` `.packMismatch` when the tenant pack is for another domain, or a rule does not parse.
    public init(domain: DomainPack, tenant: TenantPolicyPack) throws {
        guard tenant.domainName == domain.domainName else {
            throw AgentsError(.packMismatch, "tenant pack \(tenant.tenantId) is for domain \(tenant.domainName), not \(domain.domainName)")
        }
        self.domain = domain
        self.tenant = tenant
        do {
            rules = try PackPolicy(bundle: PackBundle(domain: domain, tenant: tenant))
        } catch {
            throw AgentsError(.packMismatch, "the packs do not compile: \(error)")
        }
        noAutoActionSeverities = rules.noAutoActionSeverities
        approvalThreshold = rules.humanApprovalThreshold
        allowListedTools = Set(tenant.toolsAllowList.map(\.tool)).intersection(domain.tools.map(\.name))
        approvedPlaybooks = Set(tenant.approvedBusinessProcesses).intersection(domain.playbooks.map(\.id))
        stepPlaceholders = Dictionary(domain.playbooks.map { playbook in
            (playbook.id, playbook.steps.map { (try? ArgumentTemplate.placeholders(in: .object($0.arguments))) ?? [] })
        }, uniquingKeysWith: { first, _ in first })
    }
}
