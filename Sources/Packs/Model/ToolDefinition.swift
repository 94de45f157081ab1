/// An action the domain can take (release a payment, reopen a claim), how to reach it and how to call it
/// safely.
public struct ToolDefinition: Hashable, Sendable, Codable {
    /// How the Agents layer reaches a tool.
    public enum Transport: Hashable, Sendable, Codable {
        /// An HTTP endpoint called with a JSON body of the arguments.
        case http(endpoint: String, method: HTTPMethod)
        /// A closure registered in the host process under `name`.
        case inProcess(name: String)

        private enum CodingKeys: String, CodingKey { case type, endpoint, method, name }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "http":
                self = .http(
                    endpoint: try container.decode(String.self, forKey: .endpoint),
                    method: try container.decode(HTTPMethod.self, forKey: .method))
            case "inProcess":
                self = .inProcess(name: try container.decode(String.self, forKey: .name))
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unknown transport type '\(other)'")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .http(let endpoint, let method):
                try container.encode("http", forKey: .type)
                try container.encode(endpoint, forKey: .endpoint)
                try container.encode(method, forKey: .method)
            case .inProcess(let name):
                try container.encode("inProcess", forKey: .type)
                try container.encode(name, forKey: .name)
            }
        }
    }

    public enum HTTPMethod: String, Hashable, Sendable, Codable, CaseIterable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var name: String
    public var description: String
    public var version: SemanticVersion
    /// The spec the arguments object must satisfy (normally `type: object`).
    public var arguments: ValueSpec
    /// The spec of a successful result.
    public var result: ValueSpec?
    public var transport: Transport
    public var timeoutMs: Int
    public var maxRetries: Int
    /// Whether calling twice with the same arguments has the effect of calling once; only idempotent tools
    /// are retried automatically after a timeout.
    public var idempotent: Bool
    /// Whether the tool only reads (has no side effects), so there is nothing to roll back.
    public var readOnly: Bool
    /// The tool that undoes this one, called with the same arguments when a playbook rolls back.
    public var rollbackTool: String?

    public init(
        name: String, description: String, version: SemanticVersion, arguments: ValueSpec, result: ValueSpec? = nil,
        transport: Transport, timeoutMs: Int = 5000, maxRetries: Int = 0, idempotent: Bool = false,
        readOnly: Bool = false, rollbackTool: String? = nil
    ) {
        self.name = name
        self.description = description
        self.version = version
        self.arguments = arguments
        self.result = result
        self.transport = transport
        self.timeoutMs = timeoutMs
        self.maxRetries = maxRetries
        self.idempotent = idempotent
        self.readOnly = readOnly
        self.rollbackTool = rollbackTool
    }
}
