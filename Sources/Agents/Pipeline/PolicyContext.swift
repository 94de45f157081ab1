import Packs

/// A domain pack and a tenant pack compiled for the pipeline: rules parsed once, effective guardrails
/// (domain tightened by the tenant) resolved once.
///
/// The tenant may tighten anything; it may loosen (drop CRITICAL from the no-auto-action list, disable a
/// domain guardrail condition, raise the approval threshold) only with `allowLoosening: true`.
public struct PolicyContext: Sendable {
    public let domain: DomainPack
    public let tenant: TenantPolicyPack
    let severityRules: [(rule: SeverityRule, expression: RuleExpression)]
    let severityOverrides: [(override: SeverityOverride, expression: RuleExpression?)]
    let conditions: [(condition: GuardrailCondition, expression: RuleExpression)]
    /// Severities for which nothing is executed automatically.
    public let noAutoActionSeverities: Set<Severity>
    /// `field >= value` demands approval.
    public let approvalThreshold: ApprovalThreshold?
    public let allowListedTools: Set<String>
    public let approvedPlaybooks: Set<String>
    let blockLists: [ValueList]
    let allowLists: [ValueList]
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
        severityRules = try domain.severityRules.map { ($0, try Self.compile($0.condition, what: "severity rule \($0.id)")) }
        severityOverrides = try tenant.severityOverrides.map { override in
            (override, try override.condition.map { try Self.compile($0, what: "severity override for \(override.exceptionType)") })
        }
        let loosening = tenant.guardrailOverrides.allowLoosening
        let disabled = loosening ? Set(tenant.guardrailOverrides.disabledConditions) : []
        let allConditions = domain.guardrails.conditions.filter { !disabled.contains($0.id) }
            + tenant.guardrailOverrides.additionalConditions
        conditions = try allConditions.map { ($0, try Self.compile($0.condition, what: "guardrail \($0.id)")) }

        let domainNoAuto = Set(domain.guardrails.noAutoActionIfSeverityIn)
        if let tenantList = tenant.noAutoActionIfSeverityIn {
            noAutoActionSeverities = loosening ? Set(tenantList) : domainNoAuto.union(tenantList)
        } else {
            noAutoActionSeverities = domainNoAuto
        }
        approvalThreshold = Self.threshold(domain.guardrails.humanApprovalThreshold,
                                           tenantValue: tenant.guardrailOverrides.humanApprovalThreshold, loosening: loosening)
        let domainTools = Set(domain.tools.map(\.name))
        allowListedTools = Set(tenant.toolsAllowList.map(\.tool)).intersection(domainTools)
        approvedPlaybooks = Set(tenant.approvedBusinessProcesses).intersection(domain.playbooks.map(\.id))
        stepPlaceholders = Dictionary(domain.playbooks.map { playbook in
            (playbook.id, playbook.steps.map { (try? ArgumentTemplate.placeholders(in: .object($0.arguments))) ?? [] })
        }, uniquingKeysWith: { first, _ in first })
        blockLists = domain.guardrails.blockLists.map { list in
            var list = list
            list.values += tenant.guardrailOverrides.blockLists[list.id] ?? []
            return list
        }
        allowLists = domain.guardrails.allowLists.map { list in
            guard let restricted = tenant.guardrailOverrides.allowLists[list.id] else { return list }
            var list = list
            list.values = loosening ? restricted : list.values.filter(restricted.contains)
            return list
        }
    }

    private static func compile(_ source: String, what: String) throws -> RuleExpression {
        do {
            return try RuleExpression(source)
        } catch {
            throw AgentsError(.packMismatch, "\(what) does not parse: \(error)")
        }
    }

    private static func threshold(_ domain: ApprovalThreshold?, tenantValue: Double?, loosening: Bool) -> ApprovalThreshold? {
        guard var threshold = domain else { return nil }
        if let tenantValue, tenantValue < threshold.value || loosening { threshold.value = tenantValue }
        return threshold
    }

    /// Whether `value` passes the block and allow lists that watch `field` (a record path).
    func listViolations(record: PackValue) -> [String] {
        var violations: [String] = []
        for list in blockLists {
            guard let field = list.field, let value = record[path: field] else { continue }
            if list.values.contains(value) { violations.append("block list \(list.id): \(field) is blocked") }
        }
        for list in allowLists {
            guard let field = list.field, let value = record[path: field] else { continue }
            if !list.values.contains(value) { violations.append("allow list \(list.id): \(field) is not allowed") }
        }
        return violations
    }

    /// Block/allow-list violations of one tool call's arguments.
    func argumentViolations(tool: String, arguments: PackValue) -> [String] {
        var violations: [String] = []
        for list in blockLists where list.argument != nil && (list.tools.isEmpty || list.tools.contains(tool)) {
            if let value = arguments[path: list.argument!], list.values.contains(value) {
                violations.append("block list \(list.id): argument \(list.argument!) is blocked for \(tool)")
            }
        }
        for list in allowLists where list.argument != nil && (list.tools.isEmpty || list.tools.contains(tool)) {
            if let value = arguments[path: list.argument!], !list.values.contains(value) {
                violations.append("allow list \(list.id): argument \(list.argument!) is not allowed for \(tool)")
            }
        }
        return violations
    }
}
