import Packs

/// Everything the engine needs to call one tool: where it runs, its limits, and how to check its
/// arguments and result. Built from a domain pack's tool spec plus the tenant's overrides.
public struct ToolBinding: Sendable {
    public var name: ToolName
    public var endpoint: ToolEndpoint
    /// How long one attempt may take.
    public var timeout: Duration
    public var retry: RetryPolicy
    /// Whether a retry after an ambiguous failure is safe. Non-idempotent tools are never retried.
    public var idempotent: Bool
    /// The tool to call to undo this one, if any.
    public var rollbackTool: String?
    /// Problems with arguments (empty when valid).
    public var validateArguments: @Sendable (PackValue) -> [String]
    /// Problems with a result (empty when valid).
    public var validateResult: @Sendable (PackValue) -> [String]

    public init(name: ToolName, endpoint: ToolEndpoint, timeout: Duration = .seconds(5), retry: RetryPolicy = RetryPolicy(),
                idempotent: Bool = true, rollbackTool: String? = nil,
                validateArguments: @escaping @Sendable (PackValue) -> [String] = { _ in [] },
                validateResult: @escaping @Sendable (PackValue) -> [String] = { _ in [] }) {
        self.name = name
        self.endpoint = endpoint
        self.timeout = timeout
        self.retry = retry
        self.idempotent = idempotent
        self.rollbackTool = rollbackTool
        self.validateArguments = validateArguments
        self.validateResult = validateResult
    }
}

/// The outcome of one logical tool call (all its attempts).
public struct ToolCallOutcome: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case success = "SUCCESS"
        case failed = "FAILED"
        /// Dry run: validated, not sent.
        case dryRun = "DRY_RUN"
        /// Refused before sending: not allow-listed, unknown, bad arguments or open circuit.
        case refused = "REFUSED"
    }

    public var tool: ToolName
    public var status: Status
    public var result: PackValue?
    public var error: String?
    public var attempts: Int
    /// From the first attempt to the outcome (the JSON carries it as seconds, `latency`).
    public var latency: Duration
    public var idempotencyKey: String

    public init(tool: ToolName, status: Status, result: PackValue? = nil, error: String? = nil, attempts: Int,
                latency: Duration, idempotencyKey: String) {
        self.tool = tool
        self.status = status
        self.result = result
        self.error = error
        self.attempts = attempts
        self.latency = latency
        self.idempotencyKey = idempotencyKey
    }

    private enum CodingKeys: String, CodingKey {
        case tool, status, result, error, attempts, latency, idempotencyKey
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tool = try container.decode(ToolName.self, forKey: .tool)
        status = try container.decode(Status.self, forKey: .status)
        result = try container.decodeIfPresent(PackValue.self, forKey: .result)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        attempts = try container.decode(Int.self, forKey: .attempts)
        latency = .seconds(try container.decode(Double.self, forKey: .latency))
        idempotencyKey = try container.decode(String.self, forKey: .idempotencyKey)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(latency.seconds, forKey: .latency)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
    }
}
