/// A compiled rule of the pack rule language, used by severity rules, guardrail conditions and tenant
/// severity overrides.
///
/// The language: field paths into the exception record (`exceptionType`, `payload.amount`,
/// `payload.legs.0.currency`), numbers, strings in single or double quotes, `true`/`false`/`null`,
/// comparisons `== != < <= > >=`, `in [..]`, `contains`, `matches "regex"`, `&&`/`and`, `||`/`or`,
/// `!`/`not` and parentheses.
///
/// Evaluation is total and bounded: a missing field or a type mismatch makes the comparison false (never an
/// error), and every evaluation stops within `RuleLimits.evaluationBudget` steps.
///
/// ```swift
/// let rule = try RuleExpression("payload.amount >= 1000000 && payload.currency in ['USD', 'EUR']")
/// rule.evaluate(["payload": ["amount": 2_500_000, "currency": "USD"]])   // true
/// ```
public struct RuleExpression: Hashable, Sendable, CustomStringConvertible {
    /// The source text.
    public let source: String
    public let limits: RuleLimits
    private(set) var root: RuleNode

    /// Parses `source`.
    /// - Throws: `RuleSyntaxError` with the column of the first problem.
    public init(_ source: String, limits: RuleLimits = .default) throws(RuleSyntaxError) {
        guard source.count <= limits.maximumSourceLength else {
            throw RuleSyntaxError("rule longer than \(limits.maximumSourceLength) characters", column: 1)
        }
        var lexer = RuleLexer(source: source, limits: limits)
        var parser = RuleParser(tokens: try lexer.tokenize(), limits: limits)
        self.root = try parser.parse()
        self.source = source
        self.limits = limits
    }

    public var description: String { source }

    /// A field path the rule reads, with the column where it is written.
    public struct FieldReference: Hashable, Sendable {
        public var path: [String]
        public var column: Int
        public var dottedPath: String { path.joined(separator: ".") }
    }

    /// Every field path the rule reads, in source order.
    public var fieldReferences: [FieldReference] {
        var references: [FieldReference] = []
        Self.collectFields(root, into: &references)
        return references
    }

    /// The string literals compared with a field by `==`, `!=` or `in [..]`, with the field — validation uses
    /// it to catch `exceptionType == "SETTLMENT_FAIL"`.
    public var comparedLiterals: [(field: FieldReference, literal: String)] {
        var pairs: [(FieldReference, String)] = []
        Self.collectComparedLiterals(root, into: &pairs)
        return pairs
    }

    /// Whether the rule holds for `record`; false when the evaluation budget runs out.
    public func evaluate(_ record: PackValue) -> Bool {
        evaluateDetailed(record).matched
    }

    /// Whether the rule holds for `record`, reading fields through `slots` (see ``bound(to:)``): a field that
    /// an earlier rule of the same set already read is not looked up again.
    func evaluate(_ record: PackValue, slots: FieldSlotValues) -> Bool {
        var evaluator = RuleEvaluator(record: record, limits: limits)
        evaluator.slotValues = slots.values
        let matched = evaluator.truth(of: root)
        return matched && evaluator.budget > 0
    }

    /// The text the field at `path` must equal for this rule to hold, when the rule is a conjunction with a
    /// `field == "text"` term: `exceptionType == "SETTLEMENT_FAIL" && payload.amount > 10` holds only for
    /// settlement fails, so a rule set can skip it for other types without evaluating it. (Such a term is
    /// false for a missing or non-string field too, so skipping never changes a result.)
    func requiredText(at path: [String]) -> String? {
        Self.requiredText(at: path, in: root)
    }

    private static func requiredText(at path: [String], in node: RuleNode) -> String? {
        switch node {
        case .and(let left, let right):
            return requiredText(at: path, in: left) ?? requiredText(at: path, in: right)
        case .compare(.equal, .field(let fieldPath, _, _), .literal(.string(let text))),
            .compare(.equal, .literal(.string(let text)), .field(let fieldPath, _, _)):
            return fieldPath == path ? text : nil
        default:
            return nil
        }
    }

    /// This rule with each field path numbered in `table`, so that rules bound to one table share field
    /// lookups when evaluated with one ``FieldSlotValues``.
    func bound(to table: inout FieldSlotTable) -> RuleExpression {
        var copy = self
        copy.root = Self.bind(root, to: &table)
        return copy
    }

    private static func bind(_ node: RuleNode, to table: inout FieldSlotTable) -> RuleNode {
        switch node {
        case .literal: node
        case .field(let path, let column, _): .field(path, column: column, slot: table.slot(for: path))
        case .list(let elements): .list(elements.map { bind($0, to: &table) })
        case .not(let inner): .not(bind(inner, to: &table))
        case .and(let left, let right): .and(bind(left, to: &table), bind(right, to: &table))
        case .or(let left, let right): .or(bind(left, to: &table), bind(right, to: &table))
        case .compare(let op, let left, let right): .compare(op, bind(left, to: &table), bind(right, to: &table))
        case .membership(let left, let right): .membership(bind(left, to: &table), bind(right, to: &table))
        case .contains(let left, let right): .contains(bind(left, to: &table), bind(right, to: &table))
        case .matches(let inner, let regex): .matches(bind(inner, to: &table), regex)
        }
    }

    /// The outcome of an evaluation, saying whether it was cut short by the step budget.
    public struct Evaluation: Hashable, Sendable {
        public var matched: Bool
        public var budgetExhausted: Bool
        public var steps: Int
    }

    /// Evaluates the rule and reports whether the budget ran out (then `matched` is false).
    public func evaluateDetailed(_ record: PackValue) -> Evaluation {
        var evaluator = RuleEvaluator(record: record, limits: limits)
        let matched = evaluator.truth(of: root)
        let exhausted = evaluator.budget <= 0
        return Evaluation(matched: matched && !exhausted, budgetExhausted: exhausted, steps: limits.evaluationBudget - evaluator.budget)
    }

    private static func collectFields(_ node: RuleNode, into references: inout [FieldReference]) {
        switch node {
        case .literal: break
        case .field(let path, let column, _): references.append(FieldReference(path: path, column: column))
        case .list(let elements): for element in elements { collectFields(element, into: &references) }
        case .not(let inner): collectFields(inner, into: &references)
        case .and(let left, let right), .or(let left, let right), .compare(_, let left, let right),
            .membership(let left, let right), .contains(let left, let right):
            collectFields(left, into: &references)
            collectFields(right, into: &references)
        case .matches(let inner, _): collectFields(inner, into: &references)
        }
    }

    private static func collectComparedLiterals(_ node: RuleNode, into pairs: inout [(FieldReference, String)]) {
        switch node {
        case .compare(let op, let left, let right) where op == .equal || op == .notEqual:
            for (fieldNode, literalNode) in [(left, right), (right, left)] {
                if case .field(let path, let column, _) = fieldNode, case .literal(.string(let literal)) = literalNode {
                    pairs.append((FieldReference(path: path, column: column), literal))
                }
            }
        case .membership(.field(let path, let column, _), .list(let elements)):
            for case .literal(.string(let literal)) in elements {
                pairs.append((FieldReference(path: path, column: column), literal))
            }
        case .membership(.field(let path, let column, _), .literal(.array(let values))):
            for case .string(let literal) in values {
                pairs.append((FieldReference(path: path, column: column), literal))
            }
        case .not(let inner): collectComparedLiterals(inner, into: &pairs)
        case .and(let left, let right), .or(let left, let right):
            collectComparedLiterals(left, into: &pairs)
            collectComparedLiterals(right, into: &pairs)
        default: break
        }
    }

    public static func == (lhs: RuleExpression, rhs: RuleExpression) -> Bool { lhs.source == rhs.source && lhs.limits == rhs.limits }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
