/// An ordered procedure that resolves exceptions of some types. A tenant runs only the playbooks it lists in
/// `approvedBusinessProcesses`.
public struct Playbook: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var description: String?
    /// The exception types this playbook handles.
    public var exceptionTypes: [String]
    public var steps: [PlaybookStep]
    public var approval: ApprovalRequirement

    public init(
        id: String, name: String, description: String? = nil, exceptionTypes: [String], steps: [PlaybookStep],
        approval: ApprovalRequirement = .never
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.exceptionTypes = exceptionTypes
        self.steps = steps
        self.approval = approval
    }
}
