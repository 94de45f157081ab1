/// Limits no playbook, tool call or language model may cross. The Supervisor checks them after Policy and
/// after Resolution; tenants may tighten them (and loosen them only with `allowLoosening: true`).
public struct Guardrails: Hashable, Sendable, Codable {
    public var allowLists: [ValueList]
    public var blockLists: [ValueList]
    /// Exceptions whose `field` is at least `value` always need human approval.
    public var humanApprovalThreshold: ApprovalThreshold?
    /// Severities for which nothing runs automatically.
    public var noAutoActionIfSeverityIn: [Severity]
    /// Rule-language conditions with an effect when they match.
    public var conditions: [GuardrailCondition]

    public init(
        allowLists: [ValueList] = [], blockLists: [ValueList] = [], humanApprovalThreshold: ApprovalThreshold? = nil,
        noAutoActionIfSeverityIn: [Severity] = [.critical], conditions: [GuardrailCondition] = []
    ) {
        self.allowLists = allowLists
        self.blockLists = blockLists
        self.humanApprovalThreshold = humanApprovalThreshold
        self.noAutoActionIfSeverityIn = noAutoActionIfSeverityIn
        self.conditions = conditions
    }
}

/// A named list of values that a tool argument or an exception field must (allow list) or must not (block
/// list) take.
///
/// Exactly one of `argument` and `field` is set: `argument` checks the named argument of tool calls (of the
/// tools in `tools`, or of every tool that has the argument when `tools` is empty); `field` checks a field
/// of the exception record.
public struct ValueList: Hashable, Sendable, Codable {
    public var id: String
    public var description: String?
    public var argument: String?
    public var field: String?
    public var tools: [String]
    public var values: [PackValue]

    public init(
        id: String, description: String? = nil, argument: String? = nil, field: String? = nil, tools: [String] = [],
        values: [PackValue]
    ) {
        self.id = id
        self.description = description
        self.argument = argument
        self.field = field
        self.tools = tools
        self.values = values
    }
}

/// A numeric exception field at or above which a human must approve any action.
public struct ApprovalThreshold: Hashable, Sendable, Codable {
    public var field: String
    public var value: Double

    public init(field: String, value: Double) {
        self.field = field
        self.value = value
    }
}

/// A guardrail written in the rule language.
public struct GuardrailCondition: Hashable, Sendable, Codable {
    public enum Effect: String, Hashable, Sendable, Codable, CaseIterable {
        /// No tool runs; the exception is escalated.
        case block
        /// Tools run only after a human approves.
        case requireApproval
        /// Handed to a person; no automatic handling.
        case escalate
    }

    public var id: String
    public var description: String?
    public var condition: String
    public var effect: Effect

    public init(id: String, description: String? = nil, condition: String, effect: Effect) {
        self.id = id
        self.description = description
        self.condition = condition
        self.effect = effect
    }
}
