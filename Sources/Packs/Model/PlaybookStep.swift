/// One tool call of a playbook, with arguments that may quote the exception (`"{{payload.tradeId}}"`).
public struct PlaybookStep: Hashable, Sendable, Codable {
    /// What happens to the rest of the playbook when this step fails.
    public enum FailurePolicy: String, Hashable, Sendable, Codable, CaseIterable {
        /// Stop here and escalate.
        case stop
        /// Carry on with the next step.
        case `continue`
        /// Undo the steps that succeeded (through their tools' rollback tools, newest first) and escalate.
        case rollback
    }

    public var id: String
    public var description: String?
    public var tool: String
    /// Argument templates: any JSON value; strings may contain `{{field.path}}` placeholders (see
    /// `ArgumentTemplate`).
    public var arguments: [String: PackValue]
    public var onFailure: FailurePolicy
    /// Whether this step alone needs approval even when the playbook does not.
    public var requiresApproval: Bool

    public init(
        id: String, description: String? = nil, tool: String, arguments: [String: PackValue] = [:],
        onFailure: FailurePolicy = .stop, requiresApproval: Bool = false
    ) {
        self.id = id
        self.description = description
        self.tool = tool
        self.arguments = arguments
        self.onFailure = onFailure
        self.requiresApproval = requiresApproval
    }
}
