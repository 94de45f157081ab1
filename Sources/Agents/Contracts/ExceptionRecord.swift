import Packs

/// One business exception as it moves through the pipeline. Its JSON form is a stable contract
/// (docs/agents.md): hosts store it, UIs show it, and the audit log records it at every stage.
public struct ExceptionRecord: Sendable, Codable, Hashable {
    public var exceptionID: String
    public var tenantID: String
    public var sourceSystem: String
    public var exceptionType: String
    /// Set by Triage.
    public var severity: Severity?
    /// ISO 8601 UTC.
    public var timestamp: String
    /// The input exactly as received.
    public var rawPayload: PackValue
    /// The fields rules and playbooks see: `exceptionType`, `severity`, `sourceSystem`, `tenantId`,
    /// `payload` (the normalised payload) and anything the pipeline adds.
    public var normalizedContext: PackValue
    /// Ids of the severity rules and guardrails that matched.
    public var detectedRules: [String]
    /// Playbook ids or action descriptions proposed for this exception.
    public var suggestedActions: [String]
    public var resolutionStatus: ResolutionStatus
    /// A short, human-readable trail; the full record of every stage is in the audit log.
    public var auditTrail: [AuditTrailEntry]

    public init(exceptionID: String, tenantID: String, sourceSystem: String, exceptionType: String,
                severity: Severity? = nil, timestamp: String, rawPayload: PackValue, normalizedContext: PackValue,
                detectedRules: [String] = [], suggestedActions: [String] = [], resolutionStatus: ResolutionStatus = .open,
                auditTrail: [AuditTrailEntry] = []) {
        self.exceptionID = exceptionID
        self.tenantID = tenantID
        self.sourceSystem = sourceSystem
        self.exceptionType = exceptionType
        self.severity = severity
        self.timestamp = timestamp
        self.rawPayload = rawPayload
        self.normalizedContext = normalizedContext
        self.detectedRules = detectedRules
        self.suggestedActions = suggestedActions
        self.resolutionStatus = resolutionStatus
        self.auditTrail = auditTrail
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case exceptionID = "exceptionId", tenantID = "tenantId", sourceSystem, exceptionType, severity, timestamp, rawPayload, normalizedContext, detectedRules, suggestedActions, resolutionStatus, auditTrail
    }
}

/// Where an exception stands.
public enum ResolutionStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case open = "OPEN"
    case inProgress = "IN_PROGRESS"
    case pendingApproval = "PENDING_APPROVAL"
    case resolved = "RESOLVED"
    /// Non-actionable: recorded for information, nothing to do.
    case informational = "INFORMATIONAL"
    /// Actionable but not by an approved process: a draft playbook was suggested to a human.
    case needsHumanAction = "NEEDS_HUMAN_ACTION"
    case failed = "FAILED"
    case escalated = "ESCALATED"
    case rejected = "REJECTED"
}

/// One line of an exception's human-readable trail.
public struct AuditTrailEntry: Sendable, Codable, Hashable {
    public var stage: Stage
    public var timestamp: String
    public var summary: String

    public init(stage: Stage, timestamp: String, summary: String) {
        self.stage = stage
        self.timestamp = timestamp
        self.summary = summary
    }
}
