/// The audiences Tracewise writes for.
public enum NarrativeRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// Detail: distributions, bottlenecks, drivers, deviations.
    case analyst
    /// Operations: throughput, bottlenecks, actions.
    case coo
    /// Finance: cost of delay and of work under a caller's cost model.
    case cfo
    /// Executive: three headline KPIs and three actions.
    case ceo

    /// A display title for the role.
    public var title: String {
        switch self {
        case .analyst: "Analyst"
        case .coo: "COO"
        case .cfo: "CFO"
        case .ceo: "CEO"
        }
    }
}

/// A narrative for one role: paragraphs and actions, with where the text came from.
public struct Narrative: Hashable, Sendable, Codable {
    public var role: NarrativeRole
    public var title: String
    public var paragraphs: [String]
    /// Recommended actions, most important first.
    public var actions: [String]
    /// `template`, or the name of the ``LanguageModel`` whose text passed the fact check.
    public var source: String
    /// Why a language model's text was not published (the template is shown instead), when it was not.
    public var fallbackReason: String?
    /// What ``FactChecker`` found unsupported in the language model's text (empty when it passed or no
    /// model was asked).
    public var factCheckFailures: [String]
    /// Tokens the language model call consumed, when one was made and the model reported them.
    public var usage: LanguageModelUsage?

    public init(role: NarrativeRole, title: String, paragraphs: [String], actions: [String], source: String,
                fallbackReason: String? = nil, factCheckFailures: [String] = [], usage: LanguageModelUsage? = nil) {
        self.role = role
        self.title = title
        self.paragraphs = paragraphs
        self.actions = actions
        self.source = source
        self.fallbackReason = fallbackReason
        self.factCheckFailures = factCheckFailures
        self.usage = usage
    }

    /// Paragraphs then actions as one text.
    public var text: String {
        (paragraphs + actions.map { "- " + $0 }).joined(separator: "\n")
    }
}

/// Writes narratives from facts. Hosts may conform their own narrators.
public protocol Narrator: Sendable {
    /// The narrative of `facts` for `role`.
    /// - Throws: `CancellationError` when the task is cancelled.
    func narrate(_ facts: Facts, for role: NarrativeRole) async throws -> Narrative
}
