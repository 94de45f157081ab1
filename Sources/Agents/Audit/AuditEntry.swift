import Packs

/// One audited step: who (stage) did what (input → output, tool call, decision), for which run,
/// tenant and exception, and when.
public struct AuditEntry: Sendable, Codable, Hashable {
    /// ISO 8601 UTC.
    public var timestamp: String
    public var runID: String
    public var tenantID: String
    public var exceptionID: String?
    /// A pipeline ``Stage``'s raw value (`"TRIAGE"`), or whatever a host audits with the same sink.
    public var stage: String
    public var input: PackValue?
    public var output: PackValue?
    public var toolCall: ToolCallOutcome?
    public var decision: AgentDecision?

    public init(timestamp: String, runID: String, tenantID: String, exceptionID: String?, stage: String,
                input: PackValue? = nil, output: PackValue? = nil, toolCall: ToolCallOutcome? = nil,
                decision: AgentDecision? = nil) {
        self.timestamp = timestamp
        self.runID = runID
        self.tenantID = tenantID
        self.exceptionID = exceptionID
        self.stage = stage
        self.input = input
        self.output = output
        self.toolCall = toolCall
        self.decision = decision
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case timestamp, runID = "runId", tenantID = "tenantId", exceptionID = "exceptionId", stage, input, output, toolCall, decision
    }
}
