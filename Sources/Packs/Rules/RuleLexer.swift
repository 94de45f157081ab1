/// Splits rule source into tokens. Field paths are dot-separated identifiers (`payload.counterparty.lei`,
/// `payload.legs.0.amount`); strings use single or double quotes with `\` escapes; `and`, `or`, `not` are
/// accepted as spellings of `&&`, `||`, `!`.
struct RuleLexer {
    private let characters: [Character]
    private let limits: RuleLimits
    private var index = 0

    init(source: String, limits: RuleLimits) {
        self.characters = Array(source)
        self.limits = limits
    }

    mutating func tokenize() throws(RuleSyntaxError) -> [RuleToken] {
        var tokens: [RuleToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var column: Int { index + 1 }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func next() throws(RuleSyntaxError) -> RuleToken {
        while let character = peek(), character.isWhitespace { index += 1 }
        let start = column
        guard let character = peek() else { return RuleToken(kind: .end, column: start) }
        if let kind = try symbol(character) { return RuleToken(kind: kind, column: start) }
        if character == "\"" || character == "'" { return RuleToken(kind: .string(try string(quote: character)), column: start) }
        if character.isASCIIDigit || (character == "-" && peek(1)?.isASCIIDigit == true) {
            return RuleToken(kind: .number(try number()), column: start)
        }
        if character.isIdentifierStart { return RuleToken(kind: try word(), column: start) }
        throw RuleSyntaxError("unexpected character '\(character)'", column: start)
    }

    private mutating func symbol(_ character: Character) throws(RuleSyntaxError) -> RuleToken.Kind? {
        let pair = peek(1).map { String([character, $0]) }
        let twoCharacter: [String: RuleToken.Kind] = [
            "==": .equal, "!=": .notEqual, "<=": .lessOrEqual, ">=": .greaterOrEqual, "&&": .and, "||": .or,
        ]
        if let pair, let kind = twoCharacter[pair] {
            index += 2
            return kind
        }
        let oneCharacter: [Character: RuleToken.Kind] = [
            "<": .less, ">": .greater, "!": .not, "(": .leftParen, ")": .rightParen, "[": .leftBracket,
            "]": .rightBracket, ",": .comma,
        ]
        if let kind = oneCharacter[character] {
            index += 1
            return kind
        }
        switch character {
        case "=": throw RuleSyntaxError("'=' is not an operator; use '==' to compare", column: column)
        case "&": throw RuleSyntaxError("'&' is not an operator; use '&&'", column: column)
        case "|": throw RuleSyntaxError("'|' is not an operator; use '||'", column: column)
        default: return nil
        }
    }

    private mutating func string(quote: Character) throws(RuleSyntaxError) -> String {
        let start = column
        index += 1
        var value = ""
        while let character = peek() {
            index += 1
            if character == quote { return value }
            if character == "\\" {
                guard let escaped = peek() else { break }
                index += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "\"", "'": value.append(escaped)
                default: throw RuleSyntaxError("unknown escape '\\\(escaped)' in string", column: column - 2)
                }
            } else {
                value.append(character)
            }
            if value.count > limits.maximumStringLength {
                throw RuleSyntaxError("string longer than \(limits.maximumStringLength) characters", column: start)
            }
        }
        throw RuleSyntaxError("unterminated string", column: start)
    }

    private mutating func number() throws(RuleSyntaxError) -> Double {
        let start = index
        if peek() == "-" { index += 1 }
        while let character = peek(), character.isASCIIDigit || character == "_" { index += 1 }
        if peek() == ".", peek(1)?.isASCIIDigit == true {
            index += 1
            while let character = peek(), character.isASCIIDigit { index += 1 }
        }
        if peek() == "e" || peek() == "E" {
            index += 1
            if peek() == "+" || peek() == "-" { index += 1 }
            guard peek()?.isASCIIDigit == true else { throw RuleSyntaxError("expected exponent digits", column: column) }
            while let character = peek(), character.isASCIIDigit { index += 1 }
        }
        if let character = peek(), character.isIdentifierStart {
            throw RuleSyntaxError("unexpected '\(character)' after number", column: column)
        }
        let text = String(characters[start..<index]).filter { $0 != "_" }
        guard text.count <= 64, let value = Double(text), value.isFinite else {
            throw RuleSyntaxError("number out of range", column: start + 1)
        }
        return value
    }

    private mutating func word() throws(RuleSyntaxError) -> RuleToken.Kind {
        let start = column
        var segments: [String] = []
        var segment = ""
        while let character = peek() {
            if character.isIdentifierStart || character.isASCIIDigit {
                segment.append(character)
                index += 1
            } else if character == "." {
                guard !segment.isEmpty else { break }
                segments.append(segment)
                segment = ""
                index += 1
            } else {
                break
            }
        }
        guard !segment.isEmpty else { throw RuleSyntaxError("field path ends with '.'", column: column) }
        segments.append(segment)
        guard segments.count <= limits.maximumDepth else {
            throw RuleSyntaxError("field path deeper than \(limits.maximumDepth) segments", column: start)
        }
        if segments.count == 1 {
            switch segment {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            case "in": return .in
            case "contains": return .contains
            case "matches": return .matches
            case "and": return .and
            case "or": return .or
            case "not": return .not
            default: break
            }
        }
        return .path(segments)
    }
}

extension Character {
    var isIdentifierStart: Bool { (isASCII && isLetter) || self == "_" }
}
