/// The syntax tree of a parsed rule.
indirect enum RuleNode: Hashable, Sendable {
    enum Comparison: String, Hashable, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    case literal(PackValue)
    /// A field path; `slot` numbers it in a ``FieldSlotTable`` once the rule is bound to one.
    case field([String], column: Int, slot: Int? = nil)
    case list([RuleNode])
    case not(RuleNode)
    case and(RuleNode, RuleNode)
    case or(RuleNode, RuleNode)
    case compare(Comparison, RuleNode, RuleNode)
    case membership(RuleNode, RuleNode)
    case contains(RuleNode, RuleNode)
    case matches(RuleNode, BoundedRegex)
}
