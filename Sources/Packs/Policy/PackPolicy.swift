/// A domain pack and a tenant policy pack compiled for evaluation: every rule is parsed once, tenant
/// overrides are merged with the domain, and the pack semantics (severity, guardrails, tool limits,
/// actionability) are answered from one place.
///
/// The merge is defensive, so that a bundle built in code without validation still cannot loosen a
/// guardrail: unless `guardrailOverrides.allowLoosening` is true, tenant values can only tighten (allow lists
/// are intersected, block lists united, the approval threshold and tool limits only lowered, no-auto-action
/// severities only added, and `disabledConditions` ignored).
///
/// ```swift
/// let policy = try PackPolicy(bundle: bundle)
/// let record: PackValue = ["exceptionType": "SETTLEMENT_FAIL", "payload": ["amount": 25_000_000]]
/// policy.assessSeverity(of: record).severity      // .critical
/// policy.actionability(of: "SETTLEMENT_FAIL")     // .actionableApprovedProcess, playbook settlement-fail-resend
/// ```
public struct PackPolicy: Sendable {
    public let bundle: PackBundle
    /// Rules are kept beside their compiled expressions (parallel arrays, so evaluating one does not copy
    /// the rule), all bound to `fieldSlots`.
    private let severityRules: [SeverityRule]
    private let severityExpressions: [RuleExpression]
    private let severityOverrides: [SeverityOverride]
    private let overrideExpressions: [RuleExpression?]
    private let conditions: [GuardrailCondition]
    private let conditionExpressions: [RuleExpression]
    /// Per rule above: the exception type it is limited to (`exceptionType == "…" && …`), if any, so rules
    /// for other types are skipped without evaluation.
    private let severityTypes: [String?]
    private let overrideTypes: [String?]
    private let conditionTypes: [String?]
    /// The field paths of every rule above: one record's rules look each field up once.
    private let fieldSlots: FieldSlotTable
    /// Lists with their `field` and `argument` paths split once.
    private let allowLists: [(list: ValueList, field: [String]?, argument: [String]?)]
    private let blockLists: [(list: ValueList, field: [String]?, argument: [String]?)]
    private let thresholdPath: [String]?
    /// Per severity rank: the no-auto-action finding, made once (nil when the severity may act automatically).
    private let noAutoActionFindings: [GuardrailFinding?]
    private let defaultSeverities: [String: Severity]

    /// The domain's tools on the tenant's allow list: the only tools anything may call for this tenant.
    public let allowedTools: Set<String>
    /// The domain's playbooks the tenant approved.
    public let approvedPlaybookIDs: Set<String>

    /// Compiles a bundle (normally one that `PackLoader` or `PackRegistry` validated).
    /// - Throws: `PacksError` (`invalidPack`) when a rule does not parse.
    public init(bundle: PackBundle) throws(PacksError) {
        self.bundle = bundle
        let domain = bundle.domain
        let tenant = bundle.tenant
        var slots = FieldSlotTable()
        severityRules = domain.severityRules
        severityExpressions = try domain.severityRules.map { rule throws(PacksError) in
            try Self.compile(rule.condition, "severity rule \(rule.id)", slots: &slots)
        }
        severityOverrides = tenant.severityOverrides
        overrideExpressions = try tenant.severityOverrides.enumerated().map { index, override throws(PacksError) in
            try override.condition.map { source throws(PacksError) in try Self.compile(source, "severity override \(index)", slots: &slots) }
        }
        let overrides = tenant.guardrailOverrides
        let loosening = overrides.allowLoosening
        let disabled = loosening ? Set(overrides.disabledConditions) : []
        let active = domain.guardrails.conditions.filter { !disabled.contains($0.id) } + overrides.additionalConditions
        conditions = active
        conditionExpressions = try active.map { condition throws(PacksError) in
            try Self.compile(condition.condition, "guardrail \(condition.id)", slots: &slots)
        }
        fieldSlots = slots
        severityTypes = severityExpressions.map { $0.requiredText(at: ["exceptionType"]) }
        overrideTypes = overrideExpressions.map { $0?.requiredText(at: ["exceptionType"]) }
        conditionTypes = conditionExpressions.map { $0.requiredText(at: ["exceptionType"]) }
        allowLists = domain.guardrails.allowLists.map { list in
            guard let restricted = overrides.allowLists[list.id] else { return list }
            var list = list
            list.values = loosening ? restricted : list.values.filter(restricted.contains)
            return list
        }.map(Self.withPaths)
        blockLists = domain.guardrails.blockLists.map { list in
            guard let replacement = overrides.blockLists[list.id] else { return list }
            var list = list
            list.values = loosening ? replacement : list.values + replacement.filter { !list.values.contains($0) }
            return list
        }.map(Self.withPaths)
        noAutoActionSeverities = Self.noAutoActionSeverities(bundle)
        humanApprovalThreshold = Self.humanApprovalThreshold(bundle)
        thresholdPath = humanApprovalThreshold.map { Self.segments($0.field) }
        let noAutoAction = noAutoActionSeverities
        noAutoActionFindings = [Severity.low, .medium, .high, .critical].map { severity in
            guard noAutoAction.contains(severity) else { return nil }
            return GuardrailFinding(kind: .noAutoActionSeverity, guardrailID: severity.rawValue, effect: .requireApproval,
                                    message: "no automatic action on \(severity.rawValue) exceptions")
        }
        defaultSeverities = Dictionary(domain.exceptionTypes.map { ($0.name, $0.defaultSeverity) }, uniquingKeysWith: { first, _ in first })
        allowedTools = Set(tenant.toolsAllowList.map(\.tool)).intersection(domain.tools.map(\.name))
        approvedPlaybookIDs = Set(tenant.approvedBusinessProcesses).intersection(domain.playbooks.map(\.id))
    }

    private static func withPaths(_ list: ValueList) -> (list: ValueList, field: [String]?, argument: [String]?) {
        (list, list.field.map(segments), list.argument.map(segments))
    }

    /// The segments `PackValue[path:]` follows for a dotted path.
    private static func segments(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    private static func compile(_ source: String, _ what: String, slots: inout FieldSlotTable) throws(PacksError) -> RuleExpression {
        do {
            return try RuleExpression(source).bound(to: &slots)
        } catch {
            throw PacksError(.invalidPack, "\(what) does not parse: \(error)")
        }
    }

    // MARK: Severity

    /// The severity of an exception record: the highest matching domain rule (else the type's default),
    /// replaced by the highest matching tenant override when one matches. Unknown types get the highest
    /// matching rule, else `medium`.
    public func assessSeverity(of record: PackValue) -> SeverityAssessment {
        let type = record["exceptionType"]?.stringValue ?? ""
        let defaultSeverity = defaultSeverities[type] ?? .medium
        return FieldSlotValues.with(fieldSlots) { slots in
            var matchedRuleIDs: [String] = []
            var highestRule: Severity?
            for i in severityExpressions.indices where Self.mayHold(severityTypes[i], for: type)
                && severityExpressions[i].evaluate(record, slots: slots)
            {
                matchedRuleIDs.append(severityRules[i].id)
                highestRule = max(highestRule ?? severityRules[i].severity, severityRules[i].severity)
            }
            var matchedOverrideIndices: [Int] = []
            var highestOverride: Severity?
            for i in severityOverrides.indices where severityOverrides[i].exceptionType == type
                && Self.mayHold(overrideTypes[i], for: type) && (overrideExpressions[i]?.evaluate(record, slots: slots) ?? true)
            {
                matchedOverrideIndices.append(i)
                highestOverride = max(highestOverride ?? severityOverrides[i].severity, severityOverrides[i].severity)
            }
            return SeverityAssessment(
                severity: highestOverride ?? highestRule ?? defaultSeverity, defaultSeverity: defaultSeverity,
                matchedRuleIDs: matchedRuleIDs, matchedOverrideIndices: matchedOverrideIndices)
        }
    }

    /// Whether a rule limited to the `required` exception type (nil: to none) may hold for a record of `type`.
    private static func mayHold(_ required: String?, for type: String?) -> Bool {
        guard let required else { return true }
        return required == type
    }

    // MARK: Actionability

    /// The playbooks of the domain for `exceptionType` that the tenant approved, in pack order.
    public func approvedPlaybooks(for exceptionType: String) -> [Playbook] {
        bundle.domain.playbooks(for: exceptionType).filter { approvedPlaybookIDs.contains($0.id) }
    }

    /// The actionability class of an exception type for this tenant and the playbook that applies: the first
    /// approved playbook; none when only unapproved playbooks exist (a draft may be suggested from
    /// `bundle.domain.playbooks(for:)`) or when no playbook handles the type.
    ///
    /// The pipeline's Policy stage uses exactly this (compiled once per type by Agents' `PolicyContext`).
    public func actionability(of exceptionType: String) -> ActionabilityAssessment {
        if let playbook = approvedPlaybooks(for: exceptionType).first {
            return ActionabilityAssessment(actionability: .actionableApprovedProcess, playbook: playbook)
        }
        if !bundle.domain.playbooks(for: exceptionType).isEmpty {
            return ActionabilityAssessment(actionability: .actionableNonApprovedProcess, playbook: nil)
        }
        return ActionabilityAssessment(actionability: .nonActionableInfoOnly, playbook: nil)
    }

    // MARK: Guardrails

    /// Severities for which nothing runs automatically: the domain's united with the tenant's, or the
    /// tenant's alone when loosening is allowed.
    public let noAutoActionSeverities: Set<Severity>

    /// The approval threshold in force (the tenant's value on the domain's field).
    public let humanApprovalThreshold: ApprovalThreshold?

    private static func noAutoActionSeverities(_ bundle: PackBundle) -> Set<Severity> {
        let domain = Set(bundle.domain.guardrails.noAutoActionIfSeverityIn)
        guard let tenant = bundle.tenant.noAutoActionIfSeverityIn else { return domain }
        return bundle.tenant.guardrailOverrides.allowLoosening ? Set(tenant) : domain.union(tenant)
    }

    private static func humanApprovalThreshold(_ bundle: PackBundle) -> ApprovalThreshold? {
        guard var threshold = bundle.domain.guardrails.humanApprovalThreshold else { return nil }
        if let value = bundle.tenant.guardrailOverrides.humanApprovalThreshold,
            value < threshold.value || bundle.tenant.guardrailOverrides.allowLoosening
        {
            threshold.value = value
        }
        return threshold
    }

    /// Every guardrail that applies to an exception record of the given severity: matching conditions,
    /// blocked or non-allowed field values, the approval threshold and no-auto-action severities.
    public func guardrailFindings(for record: PackValue, severity: Severity) -> [GuardrailFinding] {
        let type = record["exceptionType"]?.stringValue
        var findings = FieldSlotValues.with(fieldSlots) { slots in
            conditionExpressions.indices.compactMap { i -> GuardrailFinding? in
                guard Self.mayHold(conditionTypes[i], for: type), conditionExpressions[i].evaluate(record, slots: slots) else { return nil }
                let condition = conditions[i]
                return GuardrailFinding(kind: .condition, guardrailID: condition.id, effect: condition.effect,
                                        message: condition.description ?? "guardrail '\(condition.id)' matched")
            }
        }
        for (list, path, _) in blockLists {
            guard let field = list.field, let path, let value = record[segments: path], list.values.contains(value) else { continue }
            findings.append(GuardrailFinding(kind: .blockedValue, guardrailID: list.id, effect: .block, message: "\(field) is on block list '\(list.id)'"))
        }
        for (list, path, _) in allowLists {
            guard let field = list.field, let path, let value = record[segments: path], !list.values.contains(value) else { continue }
            findings.append(GuardrailFinding(kind: .valueNotAllowed, guardrailID: list.id, effect: .block, message: "\(field) is not on allow list '\(list.id)'"))
        }
        if let threshold = humanApprovalThreshold, let thresholdPath, let value = record[segments: thresholdPath]?.numberValue, value >= threshold.value {
            findings.append(GuardrailFinding(kind: .approvalThreshold, guardrailID: threshold.field, effect: .requireApproval,
                                             message: "\(threshold.field) \(PackDocumentWriter.numberText(value)) is at or above the approval threshold \(PackDocumentWriter.numberText(threshold.value))"))
        }
        if let finding = noAutoActionFindings[severity.rank] { findings.append(finding) }
        return findings
    }

    /// The guardrails a tool call breaks: arguments holding blocked values or values missing from an allow
    /// list that covers the tool. A list's `argument` is a path into the arguments (`beneficiary.iban`).
    public func guardrailFindings(forTool tool: String, arguments: [String: PackValue]) -> [GuardrailFinding] {
        var findings: [GuardrailFinding] = []
        for (list, _, path) in blockLists {
            guard let argument = list.argument, let path, list.tools.isEmpty || list.tools.contains(tool),
                let value = PackValue.object(arguments)[segments: path], list.values.contains(value) else { continue }
            findings.append(GuardrailFinding(kind: .blockedValue, guardrailID: list.id, effect: .block, message: "argument \(argument) of \(tool) is on block list '\(list.id)'"))
        }
        for (list, _, path) in allowLists {
            guard let argument = list.argument, let path, list.tools.isEmpty || list.tools.contains(tool),
                let value = PackValue.object(arguments)[segments: path], !list.values.contains(value) else { continue }
            findings.append(GuardrailFinding(kind: .valueNotAllowed, guardrailID: list.id, effect: .block, message: "argument \(argument) of \(tool) is not on allow list '\(list.id)'"))
        }
        return findings
    }

    // MARK: Tools and approval

    /// The timeout and retry limit in force for an allowed tool: the tenant's overrides (only lower than the
    /// domain's unless loosening is allowed), retries capped by `maxAutoRetries`; nil when the tool is not
    /// allowed.
    public func toolLimits(for tool: String) -> ToolLimits? {
        guard allowedTools.contains(tool), let definition = bundle.domain.tool(named: tool),
              let permission = bundle.tenant.permission(forTool: tool) else { return nil }
        let loosening = bundle.tenant.guardrailOverrides.allowLoosening
        let limit = { (domain: Int, tenant: Int?) in tenant.map { loosening ? $0 : min($0, domain) } ?? domain }
        let retries = min(limit(definition.maxRetries, permission.maxRetries), bundle.tenant.maxAutoRetries)
        return ToolLimits(timeout: .milliseconds(limit(definition.timeoutMs, permission.timeoutMs)), maxRetries: retries)
    }

    /// Why a human must approve running `playbook` for an exception of `exceptionType` at `severity` before
    /// anything runs; empty when nothing demands it. The reasons, in this order: the playbook's own
    /// `approval`, a no-auto-action severity, and the tenant's `requireHumanApprovalFor` (playbook, type,
    /// severity, each tool the playbook uses).
    ///
    /// Two more reasons depend on the exception and are not here: the approval threshold (a field value;
    /// see ``guardrailFindings(for:severity:)``) and a step's own `requiresApproval`, which is asked when the
    /// run reaches that step, so the steps before it still run.
    public func approvalReasons(for playbook: Playbook, exceptionType: String, severity: Severity) -> [String] {
        var reasons: [String] = []
        let rules = bundle.tenant.requireHumanApprovalFor
        if playbook.approval.isRequired(for: severity) { reasons.append("playbook \(playbook.id) requires approval at \(severity.rawValue)") }
        if noAutoActionSeverities.contains(severity) { reasons.append("no automatic action for \(severity.rawValue) severity") }
        if rules.playbooks.contains(playbook.id) { reasons.append("tenant requires approval for playbook \(playbook.id)") }
        if rules.exceptionTypes.contains(exceptionType) { reasons.append("tenant requires approval for this exception type") }
        if rules.severities.contains(severity) { reasons.append("tenant requires approval at \(severity.rawValue) severity") }
        for tool in Set(playbook.steps.map(\.tool)).intersection(rules.tools).sorted() {
            reasons.append("tenant requires approval for tool \(tool)")
        }
        return reasons
    }
}

/// The actionability class of an exception type for a tenant, and the playbook that applies (the first
/// approved one; nil unless the class is `actionableApprovedProcess`).
public struct ActionabilityAssessment: Sendable, Hashable {
    public var actionability: Actionability
    public var playbook: Playbook?

    public init(actionability: Actionability, playbook: Playbook?) {
        self.actionability = actionability
        self.playbook = playbook
    }
}

/// The limits in force for one allowed tool: the time one attempt may take and how often a failed call is
/// retried.
public struct ToolLimits: Sendable, Hashable {
    public var timeout: Duration
    public var maxRetries: Int

    public init(timeout: Duration, maxRetries: Int) {
        self.timeout = timeout
        self.maxRetries = maxRetries
    }
}
