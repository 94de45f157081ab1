import Agents
import Packs

/// A small finance domain and tenant built in code, so pipeline tests do not depend on sample files.
enum PipelineFixtures {
    static let domain = DomainPack(
        domainName: "finance", version: SemanticVersion(1, 2, 0),
        exceptionTypes: [
            ExceptionTypeDefinition(name: "SETTLEMENT_FAIL", description: "settlement failed", detectionHints: ["settlement failed"],
                                    defaultSeverity: .medium,
                                    fields: [FieldDefinition(name: "tradeId", type: .string, required: true),
                                             FieldDefinition(name: "amount", type: .number, required: true),
                                             FieldDefinition(name: "counterparty", type: .string)]),
            ExceptionTypeDefinition(name: "POSITION_BREAK", description: "position break", defaultSeverity: .high,
                                    fields: [FieldDefinition(name: "account", type: .string, required: true)]),
            ExceptionTypeDefinition(name: "TRADE_CONFIRM_MISSING", description: "confirmation missing", defaultSeverity: .low),
            ExceptionTypeDefinition(name: "CASH_RECON_MISMATCH", description: "cash mismatch", defaultSeverity: .medium),
        ],
        severityRules: [
            SeverityRule(id: "big-settlement", condition: "exceptionType == 'SETTLEMENT_FAIL' && payload.amount >= 1000000", severity: .high),
            SeverityRule(id: "huge-settlement", condition: "exceptionType == 'SETTLEMENT_FAIL' && payload.amount >= 50000000", severity: .critical),
        ],
        tools: [
            ToolDefinition(name: "reissue_settlement", description: "re-send instruction", version: SemanticVersion(1, 0, 0),
                           arguments: ValueSpec(type: .object, properties: ["tradeId": ValueSpec(type: .string)], required: ["tradeId"]),
                           transport: .inProcess(name: "reissue"), timeoutMs: 1000, maxRetries: 2, idempotent: true,
                           rollbackTool: "cancel_settlement"),
            ToolDefinition(name: "notify_desk", description: "notify", version: SemanticVersion(1, 0, 0),
                           arguments: ValueSpec(type: .object), transport: .inProcess(name: "notify"), idempotent: true),
            ToolDefinition(name: "cancel_settlement", description: "undo", version: SemanticVersion(1, 0, 0),
                           arguments: ValueSpec(type: .object), transport: .inProcess(name: "cancel"), idempotent: true),
            ToolDefinition(name: "wire_funds", description: "dangerous", version: SemanticVersion(1, 0, 0),
                           arguments: ValueSpec(type: .object), transport: .inProcess(name: "wire"), idempotent: false),
        ],
        playbooks: [
            Playbook(id: "pb-settlement-retry", name: "retry settlement", exceptionTypes: ["SETTLEMENT_FAIL"], steps: [
                PlaybookStep(id: "reissue", tool: "reissue_settlement", arguments: ["tradeId": "{{payload.tradeId}}"], onFailure: .rollback),
                PlaybookStep(id: "notify", tool: "notify_desk", arguments: ["message": "Trade {{payload.tradeId}} re-sent"], onFailure: .rollback),
            ]),
            Playbook(id: "pb-position-break", name: "position break", exceptionTypes: ["POSITION_BREAK"], steps: [
                PlaybookStep(id: "wire", tool: "wire_funds", arguments: ["account": "{{payload.account}}"]),
            ]),
            Playbook(id: "pb-cash-recon", name: "cash recon", exceptionTypes: ["CASH_RECON_MISMATCH"], steps: [
                PlaybookStep(id: "notify", tool: "notify_desk", arguments: [:]),
            ], approval: ApprovalRequirement(mode: .always)),
        ],
        guardrails: Guardrails(
            blockLists: [ValueList(id: "sanctioned", field: "payload.counterparty", values: ["EVIL CORP"])],
            humanApprovalThreshold: ApprovalThreshold(field: "payload.amount", value: 10_000_000),
            noAutoActionIfSeverityIn: [.critical]))

    static func tenant(_ id: String = "acme", approved: [String] = ["pb-settlement-retry", "pb-cash-recon"],
                       tools: [String] = ["reissue_settlement", "notify_desk", "cancel_settlement"]) -> TenantPolicyPack {
        TenantPolicyPack(tenantID: id, domainName: "finance", version: SemanticVersion(1, 0, 0),
                         domainVersion: VersionRequirement("^1.0.0")!,
                         approvedBusinessProcesses: approved, toolsAllowList: tools.map { ToolPermission(tool: $0) },
                         maxAutoRetries: 2, escalateIfConfidenceBelow: 0.5)
    }

    static func settlement(_ id: String, amount: Double, counterparty: String = "BANK A") -> PackValue {
        ["exceptionId": .string(id), "exceptionType": "SETTLEMENT_FAIL", "sourceSystem": "murex",
         "payload": ["tradeId": .string("T-\(id)"), "amount": .number(amount), "counterparty": .string(counterparty)]]
    }
}
