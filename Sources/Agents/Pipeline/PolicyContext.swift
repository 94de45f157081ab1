import Packs

/// A domain pack and a tenant pack compiled for the pipeline: a cache of Packs' `PackPolicy`, the one place
/// the pack semantics live (severity rules and tenant overrides, guardrails, block and allow lists, the
/// approval threshold, no-auto-action severities, actionability, approval reasons, allowed tools and their
/// limits). Nothing here decides anything PackPolicy does not: it only asks PackPolicy once per exception
/// type, playbook and tool and indexes the answers (with the fixed texts the stages write and the compiled
/// argument templates), so no stage searches or parses the packs per exception.
///
/// The tenant may tighten anything; it may loosen (drop CRITICAL from the no-auto-action list, disable a
/// domain guardrail condition, raise the approval threshold, replace a block list) only with
/// `allowLoosening: true`.
///
/// A class, so that every stage shares one instance instead of copying its many fields.
public final class PolicyContext: Sendable {
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
    /// The approval threshold's field path, split once.
    let approvalThresholdPath: [String]?
    /// What Intake and Policy need per exception type of the domain, worked out once.
    let types: [String: TypeProfile]
    let playbooks: [String: Playbook]
    let tools: [String: ToolDefinition]
    /// Per severity rule id: the evidence Triage writes when it matches.
    let severityRuleEvidence: [String: String]
    /// Per playbook id: Resolution's evidence for a dry run of it (every step validated and skipped).
    let dryRunEvidence: [String: [String]]
    /// Per playbook id, per step: the compiled argument template and the fields it quotes.
    let compiledSteps: [String: [CompiledStep]]

    /// One exception type as the pipeline sees it: its definition, payload fields (the entity's, then its
    /// own), the playbooks handling it, the approved one Policy selects, and the fixed texts its stages write.
    /// A class, so handing one to a stage costs a reference count.
    final class TypeProfile: Sendable {
        let definition: ExceptionTypeDefinition
        let payloadFields: [FieldDefinition]
        let playbooks: [Playbook]
        /// The first handling playbook the tenant approved.
        let approvedPlaybook: Playbook?
        let intakeEvidence: String
        let intakeSummary: String
        /// Triage's evidence when no severity rule matches.
        let defaultSeverityEvidence: String
        let actionability: Actionability
        /// Policy's evidence for `actionability`.
        let policyEvidence: String
        /// Per severity (low to critical): why a human must approve `approvedPlaybook`, as far as that does not
        /// depend on the exception's fields (the approval threshold does).
        private let fixedApprovalReasons: [[String]]

        init(_ definition: ExceptionTypeDefinition, rules: PackPolicy) {
            let name = definition.name
            let domain = rules.bundle.domain
            let tenant = rules.bundle.tenant
            self.definition = definition
            payloadFields = domain.payloadFields(of: definition)
            playbooks = domain.playbooks(for: name)
            let assessment = rules.actionability(of: name)
            actionability = assessment.actionability
            approvedPlaybook = assessment.playbook
            intakeEvidence = "exception type \(name) is defined by domain \(domain.domainName)"
            intakeSummary = "accepted as \(name)"
            defaultSeverityEvidence = "no severity rule matched: default \(definition.defaultSeverity.rawValue) for \(name)"
            switch actionability {
            case .nonActionableInfoOnly:
                policyEvidence = "no playbook of domain \(domain.domainName) handles \(name)"
            case .actionableApprovedProcess:
                policyEvidence = "playbook \(approvedPlaybook?.id ?? "-") handles \(name) and is approved for tenant \(tenant.tenantID)"
            case .actionableNonApprovedProcess:
                policyEvidence = "playbooks \(playbooks.map(\.id).joined(separator: ", ")) handle \(name) but none is approved for tenant \(tenant.tenantID)"
            }
            let playbook = approvedPlaybook
            fixedApprovalReasons = [Severity.low, .medium, .high, .critical].map { severity in
                playbook.map { rules.approvalReasons(for: $0, exceptionType: name, severity: severity) } ?? []
            }
        }

        /// Why a human must approve `approvedPlaybook` at `severity`, before the approval threshold is checked.
        func fixedApprovalReasons(at severity: Severity) -> [String] {
            switch severity {
            case .low: fixedApprovalReasons[0]
            case .medium: fixedApprovalReasons[1]
            case .high: fixedApprovalReasons[2]
            case .critical: fixedApprovalReasons[3]
            }
        }
    }

    /// A playbook step's argument template, compiled.
    struct CompiledStep: Sendable {
        let template: CompiledArgumentTemplate
        /// The placeholders' field paths, dotted (for messages) and split.
        let placeholders: [(dotted: String, segments: [String])]
    }

    /// Compiles the packs.
    /// - Throws: ``AgentsError`` `.packMismatch` when the tenant pack is for another domain, or a rule does not parse.
    public init(domain: DomainPack, tenant: TenantPolicyPack) throws {
        guard tenant.domainName == domain.domainName else {
            throw AgentsError(.packMismatch, "tenant pack \(tenant.tenantID) is for domain \(tenant.domainName), not \(domain.domainName)")
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
        approvalThresholdPath = approvalThreshold.map { Self.segments($0.field) }
        allowListedTools = rules.allowedTools
        approvedPlaybooks = rules.approvedPlaybookIDs
        let rules = rules
        types = Self.firstByKey(domain.exceptionTypes, \.name).mapValues { TypeProfile($0, rules: rules) }
        playbooks = Self.firstByKey(domain.playbooks, \.id)
        tools = Self.firstByKey(domain.tools, \.name)
        severityRuleEvidence = Self.firstByKey(domain.severityRules, \.id).mapValues { rule in
            "rule \(rule.id) (\(rule.condition)) → \(rule.severity.rawValue)"
        }
        dryRunEvidence = Self.firstByKey(domain.playbooks, \.id).mapValues { playbook in
            playbook.steps.map { step in
                ResolutionAgent.evidence(PlannedStep(stepID: step.id, tool: step.tool, arguments: .null, status: .skipped,
                                                     note: ResolutionAgent.dryRunNote, outcome: nil, isRollback: false))
            }
        }
        compiledSteps = Dictionary(domain.playbooks.map { playbook in
            (playbook.id, playbook.steps.map { step in
                let paths = (try? ArgumentTemplate.placeholders(in: .object(step.arguments))) ?? []
                return CompiledStep(template: CompiledArgumentTemplate(.object(step.arguments)),
                                    placeholders: paths.map { ($0, Self.segments($0)) })
            })
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The playbooks of the domain that handle `exceptionType`, in pack order.
    func playbooks(for exceptionType: String) -> [Playbook] {
        types[exceptionType]?.playbooks ?? domain.playbooks(for: exceptionType)
    }

    /// Elements by key; the first wins, as the packs' own `first(where:)` lookups do.
    private static func firstByKey<Element>(_ elements: [Element], _ key: KeyPath<Element, String>) -> [String: Element] {
        Dictionary(elements.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The segments `PackValue[path:]` follows for a dotted path.
    static func segments(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
