/// Parses rule tokens by precedence climbing. From loosest to tightest: `||`, `&&`, then the
/// non-associative comparisons (`== != < <= > >= in contains matches`), then prefix `!` and operands
/// (literals, field paths, `[list]`, parentheses).
struct RuleParser {
    private enum BinaryOperator {
        case or, and, comparison(RuleNode.Comparison), membership, contains, matches

        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .comparison, .membership, .contains, .matches: 3
            }
        }
    }

    private let tokens: [RuleToken]
    private let limits: RuleLimits
    private var position = 0
    private var nodeCount = 0

    init(tokens: [RuleToken], limits: RuleLimits) {
        self.tokens = tokens
        self.limits = limits
    }

    mutating func parse() throws(RuleSyntaxError) -> RuleNode {
        guard current.kind != .end else { throw RuleSyntaxError("empty rule", column: current.column) }
        let node = try parseExpression(minimumPrecedence: 1, depth: 0)
        guard current.kind == .end else {
            throw RuleSyntaxError("unexpected \(describe(current.kind)); expected an operator or the end", column: current.column)
        }
        return node
    }

    private var current: RuleToken { tokens[position] }

    private mutating func advance() -> RuleToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func counted(_ node: RuleNode, at column: Int) throws(RuleSyntaxError) -> RuleNode {
        nodeCount += 1
        guard nodeCount <= limits.maximumNodes else {
            throw RuleSyntaxError("rule has more than \(limits.maximumNodes) nodes", column: column)
        }
        return node
    }

    private func binaryOperator(_ kind: RuleToken.Kind) -> BinaryOperator? {
        switch kind {
        case .or: .or
        case .and: .and
        case .equal: .comparison(.equal)
        case .notEqual: .comparison(.notEqual)
        case .less: .comparison(.less)
        case .lessOrEqual: .comparison(.lessOrEqual)
        case .greater: .comparison(.greater)
        case .greaterOrEqual: .comparison(.greaterOrEqual)
        case .in: .membership
        case .contains: .contains
        case .matches: .matches
        default: nil
        }
    }

    private mutating func parseExpression(minimumPrecedence: Int, depth: Int) throws(RuleSyntaxError) -> RuleNode {
        guard depth <= limits.maximumDepth else {
            throw RuleSyntaxError("rule nested deeper than \(limits.maximumDepth) levels", column: current.column)
        }
        var left = try parseUnary(depth: depth)
        var sawComparison = false
        while let op = binaryOperator(current.kind), op.precedence >= minimumPrecedence {
            let operatorToken = advance()
            if op.precedence == 3 {
                guard !sawComparison else {
                    throw RuleSyntaxError("comparisons cannot be chained; use && between them", column: operatorToken.column)
                }
                sawComparison = true
            }
            if case .matches = op {
                left = try counted(.matches(left, try parsePattern()), at: operatorToken.column)
                continue
            }
            let right = try parseExpression(minimumPrecedence: op.precedence + 1, depth: depth + 1)
            left = try counted(combine(op, left, right), at: operatorToken.column)
        }
        return left
    }

    private func combine(_ op: BinaryOperator, _ left: RuleNode, _ right: RuleNode) -> RuleNode {
        switch op {
        case .or: .or(left, right)
        case .and: .and(left, right)
        case .comparison(let comparison): .compare(comparison, left, right)
        case .membership: .membership(left, right)
        case .contains: .contains(left, right)
        case .matches: left
        }
    }

    private mutating func parsePattern() throws(RuleSyntaxError) -> BoundedRegex {
        let token = advance()
        guard case .string(let pattern) = token.kind else {
            throw RuleSyntaxError("'matches' needs a pattern in quotes", column: token.column)
        }
        guard pattern.count <= limits.maximumPatternLength else {
            throw RuleSyntaxError("pattern longer than \(limits.maximumPatternLength) characters", column: token.column)
        }
        do {
            return try BoundedRegex(pattern)
        } catch {
            throw RuleSyntaxError("invalid pattern: \(error.message) at pattern offset \(error.offset)", column: token.column)
        }
    }

    private mutating func parseUnary(depth: Int) throws(RuleSyntaxError) -> RuleNode {
        guard depth <= limits.maximumDepth else {
            throw RuleSyntaxError("rule nested deeper than \(limits.maximumDepth) levels", column: current.column)
        }
        if current.kind == .not {
            let token = advance()
            return try counted(.not(try parseUnary(depth: depth + 1)), at: token.column)
        }
        return try parseOperand(depth: depth)
    }

    private mutating func parseOperand(depth: Int) throws(RuleSyntaxError) -> RuleNode {
        let token = advance()
        switch token.kind {
        case .number(let value): return try counted(.literal(.number(value)), at: token.column)
        case .string(let value): return try counted(.literal(.string(value)), at: token.column)
        case .boolean(let value): return try counted(.literal(.bool(value)), at: token.column)
        case .null: return try counted(.literal(.null), at: token.column)
        case .path(let segments): return try counted(.field(segments, column: token.column), at: token.column)
        case .leftParen:
            let inner = try parseExpression(minimumPrecedence: 1, depth: depth + 1)
            let closing = advance()
            guard closing.kind == .rightParen else {
                throw RuleSyntaxError("missing ')' to close the '(' at column \(token.column)", column: closing.column)
            }
            return inner
        case .leftBracket:
            return try parseList(openedAt: token, depth: depth + 1)
        default:
            throw RuleSyntaxError("expected a value, field or '(' but found \(describe(token.kind))", column: token.column)
        }
    }

    private mutating func parseList(openedAt open: RuleToken, depth: Int) throws(RuleSyntaxError) -> RuleNode {
        guard depth <= limits.maximumDepth else {
            throw RuleSyntaxError("rule nested deeper than \(limits.maximumDepth) levels", column: open.column)
        }
        var elements: [RuleNode] = []
        if current.kind == .rightBracket {
            _ = advance()
            return try counted(.list(elements), at: open.column)
        }
        while true {
            elements.append(try parseUnary(depth: depth))
            let separator = advance()
            switch separator.kind {
            case .comma: continue
            case .rightBracket: return try counted(Self.folded(elements), at: open.column)
            default:
                throw RuleSyntaxError("expected ',' or ']' in the list opened at column \(open.column)", column: separator.column)
            }
        }
    }

    /// A list of literals becomes one array literal, so evaluation does not rebuild it every time.
    private static func folded(_ elements: [RuleNode]) -> RuleNode {
        var values: [PackValue] = []
        for element in elements {
            guard case .literal(let value) = element else { return .list(elements) }
            values.append(value)
        }
        return .literal(.array(values))
    }

    private func describe(_ kind: RuleToken.Kind) -> String {
        switch kind {
        case .path(let segments): "field '\(segments.joined(separator: "."))'"
        case .number: "a number"
        case .string: "a string"
        case .boolean, .null: "a literal"
        case .end: "the end of the rule"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessOrEqual: "'<='"
        case .greater: "'>'"
        case .greaterOrEqual: "'>='"
        case .and: "'&&'"
        case .or: "'||'"
        case .not: "'!'"
        case .in: "'in'"
        case .contains: "'contains'"
        case .matches: "'matches'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        }
    }
}
