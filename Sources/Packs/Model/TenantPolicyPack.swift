/// One tenant's policy on top of a domain pack: which playbooks it has approved, which tools it allows and
/// with what limits, how it adjusts severities and guardrails, whom to notify, how long to keep records and
/// which models the Agents layer may use.
///
/// ```swift
/// let loaded = PackLoader().loadTenantPolicyPack(at: tenantURL, domainPack: domain)
/// let tenant = loaded.pack!   // nil when loaded.report has errors
/// ```
public struct TenantPolicyPack: Hashable, Sendable, Codable {
    public var tenantID: String
    public var domainName: String
    public var version: SemanticVersion
    /// The domain pack versions this policy was written for (`^1.2.0`, `>=1.0.0 <2.0.0`).
    public var domainVersion: VersionRequirement
    public var description: String?
    /// Playbook ids the tenant runs (others only yield suggestions).
    public var approvedBusinessProcesses: [String]
    /// The only tools that may run for this tenant, each with optional tighter limits.
    public var toolsAllowList: [ToolPermission]
    public var severityOverrides: [SeverityOverride]
    public var guardrailOverrides: GuardrailOverrides
    /// Severities for which nothing runs automatically. When absent, the domain's guardrail applies; removing
    /// a severity the domain lists is a loosening.
    public var noAutoActionIfSeverityIn: [Severity]?
    public var requireHumanApprovalFor: HumanApprovalRules
    /// An upper bound on automatic retries of any tool call, whatever the tool allows.
    public var maxAutoRetries: Int
    /// Decisions with a lower confidence (0…1) are escalated to a person.
    public var escalateIfConfidenceBelow: Double
    public var notificationPolicies: [NotificationPolicy]
    public var retention: RetentionPolicy
    public var model: ModelSettings
    public var embedding: EmbeddingSettings
    /// What is masked in anything sent to a language model or embedding service.
    public var redaction: RedactionSettings

    public init(
        tenantID: String, domainName: String, version: SemanticVersion, domainVersion: VersionRequirement,
        description: String? = nil, approvedBusinessProcesses: [String] = [], toolsAllowList: [ToolPermission] = [],
        severityOverrides: [SeverityOverride] = [], guardrailOverrides: GuardrailOverrides = GuardrailOverrides(),
        noAutoActionIfSeverityIn: [Severity]? = nil, requireHumanApprovalFor: HumanApprovalRules = HumanApprovalRules(),
        maxAutoRetries: Int = 3, escalateIfConfidenceBelow: Double = 0.6, notificationPolicies: [NotificationPolicy] = [],
        retention: RetentionPolicy = RetentionPolicy(), model: ModelSettings = ModelSettings(),
        embedding: EmbeddingSettings = EmbeddingSettings(), redaction: RedactionSettings = RedactionSettings()
    ) {
        self.tenantID = tenantID
        self.domainName = domainName
        self.version = version
        self.domainVersion = domainVersion
        self.description = description
        self.approvedBusinessProcesses = approvedBusinessProcesses
        self.toolsAllowList = toolsAllowList
        self.severityOverrides = severityOverrides
        self.guardrailOverrides = guardrailOverrides
        self.noAutoActionIfSeverityIn = noAutoActionIfSeverityIn
        self.requireHumanApprovalFor = requireHumanApprovalFor
        self.maxAutoRetries = maxAutoRetries
        self.escalateIfConfidenceBelow = escalateIfConfidenceBelow
        self.notificationPolicies = notificationPolicies
        self.retention = retention
        self.model = model
        self.embedding = embedding
        self.redaction = redaction
    }

    public func permission(forTool name: String) -> ToolPermission? {
        toolsAllowList.first { $0.tool == name }
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenantId", domainName, version, domainVersion, description, approvedBusinessProcesses, toolsAllowList, severityOverrides, guardrailOverrides, noAutoActionIfSeverityIn, requireHumanApprovalFor, maxAutoRetries, escalateIfConfidenceBelow, notificationPolicies, retention, model, embedding, redaction
    }
}

/// A tool the tenant allows, optionally with a shorter timeout or fewer retries than the domain pack sets.
public struct ToolPermission: Hashable, Sendable, Codable {
    public var tool: String
    public var timeoutMs: Int?
    public var maxRetries: Int?

    public init(tool: String, timeoutMs: Int? = nil, maxRetries: Int? = nil) {
        self.tool = tool
        self.timeoutMs = timeoutMs
        self.maxRetries = maxRetries
    }
}

/// Sets the severity of exceptions of one type (when `condition`, if any, holds). Overrides win over the
/// domain's severity rules; among several matching overrides the highest severity wins.
public struct SeverityOverride: Hashable, Sendable, Codable {
    public var exceptionType: String
    public var condition: String?
    public var severity: Severity

    public init(exceptionType: String, condition: String? = nil, severity: Severity) {
        self.exceptionType = exceptionType
        self.condition = condition
        self.severity = severity
    }
}

/// A tenant's changes to the domain guardrails. Tightening is always allowed; a loosening (a higher approval
/// threshold, extra allowed values, fewer blocked values, a disabled condition, fewer no-auto-action
/// severities) is an error unless `allowLoosening` is true, and then a validation warning.
public struct GuardrailOverrides: Hashable, Sendable, Codable {
    public var allowLoosening: Bool
    /// A new threshold value for the domain's `humanApprovalThreshold` field.
    public var humanApprovalThreshold: Double?
    /// Replacement values for domain allow lists, by list id.
    public var allowLists: [String: [PackValue]]
    /// Replacement values for domain block lists, by list id.
    public var blockLists: [String: [PackValue]]
    /// Ids of domain guardrail conditions the tenant switches off.
    public var disabledConditions: [String]
    /// Extra conditions of the tenant's own.
    public var additionalConditions: [GuardrailCondition]

    public init(
        allowLoosening: Bool = false, humanApprovalThreshold: Double? = nil, allowLists: [String: [PackValue]] = [:],
        blockLists: [String: [PackValue]] = [:], disabledConditions: [String] = [],
        additionalConditions: [GuardrailCondition] = []
    ) {
        self.allowLoosening = allowLoosening
        self.humanApprovalThreshold = humanApprovalThreshold
        self.allowLists = allowLists
        self.blockLists = blockLists
        self.disabledConditions = disabledConditions
        self.additionalConditions = additionalConditions
    }
}

/// What always needs a human's approval for this tenant, on top of playbook and guardrail requirements.
public struct HumanApprovalRules: Hashable, Sendable, Codable {
    public var playbooks: [String]
    public var tools: [String]
    public var exceptionTypes: [String]
    public var severities: [Severity]

    public init(playbooks: [String] = [], tools: [String] = [], exceptionTypes: [String] = [], severities: [Severity] = []) {
        self.playbooks = playbooks
        self.tools = tools
        self.exceptionTypes = exceptionTypes
        self.severities = severities
    }
}

/// Who hears about which events.
public struct NotificationPolicy: Hashable, Sendable, Codable {
    public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
        case email, slack, teams, webhook, pagerduty, sms
    }

    public enum Event: String, Hashable, Sendable, Codable, CaseIterable {
        case escalated, approvalRequested, approvalTimedOut, resolved, failed, guardrailBreached
    }

    public var id: String
    public var channel: Channel
    /// An address, channel name or URL, as the channel understands it.
    public var target: String
    public var events: [Event]
    /// Only exceptions with these severities notify (all when empty).
    public var severities: [Severity]

    public init(id: String, channel: Channel, target: String, events: [Event], severities: [Severity] = []) {
        self.id = id
        self.channel = channel
        self.target = target
        self.events = events
        self.severities = severities
    }
}

/// How long records are kept, in days.
public struct RetentionPolicy: Hashable, Sendable, Codable {
    public var auditDays: Int
    public var memoryDays: Int
    public var approvalHistoryDays: Int

    public init(auditDays: Int = 2555, memoryDays: Int = 365, approvalHistoryDays: Int = 2555) {
        self.auditDays = auditDays
        self.memoryDays = memoryDays
        self.approvalHistoryDays = approvalHistoryDays
    }
}

/// The language model the Agents layer may call for this tenant. `provider: none` keeps everything rule-based.
/// Endpoints and keys never come from a pack: they come from the host's environment or code.
public struct ModelSettings: Hashable, Sendable, Codable {
    public var provider: String
    public var name: String?
    public var temperature: Double
    public var maxTokens: Int
    public var timeoutMs: Int
    public var maxRetries: Int
    /// The most tokens (input and output) the tenant's model calls may use per UTC day; nil for no limit.
    public var tokensPerDay: Int?
    /// The most model calls the tenant may start in any 60 seconds; nil for no limit.
    public var requestsPerMinute: Int?

    public init(provider: String = "none", name: String? = nil, temperature: Double = 0, maxTokens: Int = 1024,
                timeoutMs: Int = 20_000, maxRetries: Int = 1, tokensPerDay: Int? = nil, requestsPerMinute: Int? = nil) {
        self.provider = provider
        self.name = name
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeoutMs = timeoutMs
        self.maxRetries = maxRetries
        self.tokensPerDay = tokensPerDay
        self.requestsPerMinute = requestsPerMinute
    }
}

/// The embedding used for the tenant's case memory. The default needs no network.
public struct EmbeddingSettings: Hashable, Sendable, Codable {
    public var provider: String
    public var dimensions: Int
    /// Character n-gram length of the hashed embedding.
    public var ngramSize: Int

    public init(provider: String = "hashed-ngram", dimensions: Int = 256, ngramSize: Int = 3) {
        self.provider = provider
        self.dimensions = dimensions
        self.ngramSize = ngramSize
    }
}
