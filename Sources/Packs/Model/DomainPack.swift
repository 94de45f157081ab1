/// Everything the Agents layer knows about one business domain: its exception types, how severe they are,
/// the tools and playbooks that resolve them, the guardrails around them, and test suites that pin the
/// behaviour down. No domain knowledge lives in code.
///
/// Load one with `PackLoader`, which validates it completely:
/// ```swift
/// let result = PackLoader().loadDomainPack(at: URL(fileURLWithPath: "Examples/Packs/finance/domain-pack.yaml"))
/// guard let pack = result.pack else { print(result.report.errors); return }
/// print(pack.exceptionTypes.map(\.name))
/// ```
public struct DomainPack: Hashable, Sendable, Codable {
    public var domainName: String
    public var version: SemanticVersion
    public var description: String?
    public var entities: [EntityDefinition]
    public var exceptionTypes: [ExceptionTypeDefinition]
    public var severityRules: [SeverityRule]
    public var tools: [ToolDefinition]
    public var playbooks: [Playbook]
    public var guardrails: Guardrails
    public var testSuites: [TestSuite]

    public init(
        domainName: String, version: SemanticVersion, description: String? = nil, entities: [EntityDefinition] = [],
        exceptionTypes: [ExceptionTypeDefinition], severityRules: [SeverityRule] = [], tools: [ToolDefinition] = [],
        playbooks: [Playbook] = [], guardrails: Guardrails = Guardrails(), testSuites: [TestSuite] = []
    ) {
        self.domainName = domainName
        self.version = version
        self.description = description
        self.entities = entities
        self.exceptionTypes = exceptionTypes
        self.severityRules = severityRules
        self.tools = tools
        self.playbooks = playbooks
        self.guardrails = guardrails
        self.testSuites = testSuites
    }

    public func exceptionType(named name: String) -> ExceptionTypeDefinition? {
        exceptionTypes.first { $0.name == name }
    }

    public func tool(named name: String) -> ToolDefinition? {
        tools.first { $0.name == name }
    }

    public func playbook(id: String) -> Playbook? {
        playbooks.first { $0.id == id }
    }

    /// The playbooks that handle exceptions of `exceptionType`, in pack order.
    public func playbooks(for exceptionType: String) -> [Playbook] {
        playbooks.filter { $0.exceptionTypes.contains(exceptionType) }
    }

    /// Every payload field of an exception type: its entity's fields followed by its own.
    public func payloadFields(of exceptionType: ExceptionTypeDefinition) -> [FieldDefinition] {
        let entityFields = exceptionType.entity.flatMap { name in entities.first { $0.name == name } }?.fields ?? []
        return entityFields + exceptionType.fields
    }
}
