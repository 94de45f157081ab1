/// Bounds that make rules safe to evaluate on untrusted data: every rule parses in time linear in its
/// length, and every evaluation finishes within `evaluationBudget` steps, whatever the exception contains.
public struct RuleLimits: Hashable, Sendable {
    /// The longest rule source accepted, in characters.
    public var maximumSourceLength: Int
    /// The deepest nesting of parentheses, negations and lists.
    public var maximumDepth: Int
    /// The largest number of syntax-tree nodes in one rule.
    public var maximumNodes: Int
    /// The longest string literal, and the longest number literal is 64 characters.
    public var maximumStringLength: Int
    /// The longest `matches` pattern, in characters.
    public var maximumPatternLength: Int
    /// The longest string a `matches` or `contains` looks at; longer inputs do not match.
    public var maximumMatchInputLength: Int
    /// Steps one evaluation may take (one per node visited, one per list element compared, one per regex
    /// state transition); an evaluation that runs out yields false.
    public var evaluationBudget: Int

    public init(
        maximumSourceLength: Int = 4096, maximumDepth: Int = 32, maximumNodes: Int = 512,
        maximumStringLength: Int = 1024, maximumPatternLength: Int = 256, maximumMatchInputLength: Int = 4096,
        evaluationBudget: Int = 1_000_000
    ) {
        self.maximumSourceLength = maximumSourceLength
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
        self.maximumStringLength = maximumStringLength
        self.maximumPatternLength = maximumPatternLength
        self.maximumMatchInputLength = maximumMatchInputLength
        self.evaluationBudget = evaluationBudget
    }

    public static let `default` = RuleLimits()
}
