/// Cases that pin down how the pack classifies exceptions; `tracewise packs test D T` runs them through the
/// pipeline against a tenant pack.
public struct TestSuite: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var cases: [TestCase]

    public init(name: String, description: String? = nil, cases: [TestCase]) {
        self.name = name
        self.description = description
        self.cases = cases
    }
}

/// One raw exception and what the pipeline must conclude about it.
public struct TestCase: Hashable, Sendable, Codable {
    public var id: String
    public var description: String?
    /// The raw exception as a source system would send it (`exceptionType`, `sourceSystem`, `payload`, …).
    public var exception: PackValue
    public var expected: TestExpectation

    public init(id: String, description: String? = nil, exception: PackValue, expected: TestExpectation) {
        self.id = id
        self.description = description
        self.exception = exception
        self.expected = expected
    }
}

/// The expected outcome of a test case. `playbookId` is nil when no playbook must be selected.
public struct TestExpectation: Hashable, Sendable, Codable {
    public var severity: Severity
    public var actionability: Actionability
    public var playbookID: String?

    public init(severity: Severity, actionability: Actionability, playbookID: String? = nil) {
        self.severity = severity
        self.actionability = actionability
        self.playbookID = playbookID
    }

    /// The JSON keys: the contract spells identifiers `…Id`, Swift spells them `…ID`.
    private enum CodingKeys: String, CodingKey {
        case severity, actionability, playbookID = "playbookId"
    }
}
