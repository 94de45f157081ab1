/// A tool's fully qualified name, `tenant:domain:tool`. Tools are registered and looked up only under
/// their tenant's namespace, so one tenant can never call another's tools.
public struct ToolName: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var tenantID: String
    public var domain: String
    public var tool: String

    public init(tenantID: String, domain: String, tool: String) {
        self.tenantID = tenantID
        self.domain = domain
        self.tool = tool
    }

    public var description: String { "\(tenantID):\(domain):\(tool)" }

    public static func < (lhs: ToolName, rhs: ToolName) -> Bool { lhs.description < rhs.description }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenantId", domain, tool
    }
}
