/// A tool's fully qualified name, `tenant:domain:tool`. Tools are registered and looked up only under
/// their tenant's namespace, so one tenant can never call another's tools.
public struct ToolName: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var tenantId: String
    public var domain: String
    public var tool: String

    public init(tenantId: String, domain: String, tool: String) {
        self.tenantId = tenantId
        self.domain = domain
        self.tool = tool
    }

    public var description: String { "\(tenantId):\(domain):\(tool)" }

    public static func < (lhs: ToolName, rhs: ToolName) -> Bool { lhs.description < rhs.description }
}
