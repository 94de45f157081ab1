/// A lexical token of the rule language, with the column it starts at.
struct RuleToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case path([String])
        case number(Double)
        case string(String)
        case boolean(Bool)
        case null
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case and, or, not
        case `in`, contains, matches
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }

    var kind: Kind
    var column: Int
}
