/// Parses the supported pattern dialect: literals, `.`, `[...]` classes with ranges and negation, `\d \w \s`
/// and their negations, escapes of metacharacters, `^` and `$`, groups `( )` and `(?: )`, alternation `|`,
/// quantifiers `* + ? {n} {n,} {n,m}` (lazy `?` suffixes accepted) and a leading `(?i)` for case-insensitive
/// matching. Backreferences and lookaround are refused: they are what makes regexes exponential.
struct RegexPatternParser {
    private let characters: [Character]
    private var index = 0
    private(set) var caseInsensitive = false
    private static let maximumRepeat = 100

    init(_ pattern: String) {
        self.characters = Array(pattern)
    }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        if characters.starts(with: Array("(?i)")) {
            caseInsensitive = true
            index = 4
        }
        let node = try parseAlternation(depth: 0)
        guard index == characters.count else { throw RegexSyntaxError("unmatched ')'", offset: index) }
        return node
    }

    private func peek() -> Character? {
        index < characters.count ? characters[index] : nil
    }

    private mutating func parseAlternation(depth: Int) throws(RegexSyntaxError) -> RegexNode {
        guard depth <= 16 else { throw RegexSyntaxError("groups nested deeper than 16 levels", offset: index) }
        var branches = [try parseConcatenation(depth: depth)]
        while peek() == "|" {
            index += 1
            branches.append(try parseConcatenation(depth: depth))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation(depth: Int) throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let character = peek(), character != "|", character != ")" {
            let atom = try parseAtom(depth: depth)
            items.append(try parseQuantifiers(on: atom))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func parseQuantifiers(on atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        var node = atom
        var quantified = false
        while let character = peek() {
            let bounds: (Int, Int?)
            switch character {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let counted = try parseCount() else { return node }
                bounds = counted
            default: return node
            }
            guard !quantified else { throw RegexSyntaxError("nested quantifier; use a group", offset: index - 1) }
            if case .startAnchor = node { throw RegexSyntaxError("quantifier after an anchor", offset: index - 1) }
            if case .endAnchor = node { throw RegexSyntaxError("quantifier after an anchor", offset: index - 1) }
            quantified = true
            node = .repetition(node, minimum: bounds.0, maximum: bounds.1)
            if peek() == "?" { index += 1 }
        }
        return node
    }

    private mutating func parseCount() throws(RegexSyntaxError) -> (Int, Int?)? {
        let start = index
        index += 1
        let minimum = readInteger()
        var maximum = minimum
        if peek() == "," {
            index += 1
            maximum = readInteger()
        } else if minimum == nil {
            index = start
            return nil
        }
        guard peek() == "}", let lower = minimum else {
            index = start
            return nil
        }
        index += 1
        guard lower <= Self.maximumRepeat, (maximum ?? lower) <= Self.maximumRepeat else {
            throw RegexSyntaxError("repetition count above \(Self.maximumRepeat)", offset: start)
        }
        if let upper = maximum, upper < lower { throw RegexSyntaxError("repetition {m,n} with n < m", offset: start) }
        return (lower, characters[index - 2] == "," ? nil : maximum)
    }

    private mutating func readInteger() -> Int? {
        var digits = ""
        while let character = peek(), character.isASCIIDigit, digits.count < 6 {
            digits.append(character)
            index += 1
        }
        return Int(digits)
    }

    private mutating func parseAtom(depth: Int) throws(RegexSyntaxError) -> RegexNode {
        let start = index
        let character = characters[index]
        index += 1
        switch character {
        case ".": return .any
        case "^": return .startAnchor
        case "$": return .endAnchor
        case "(":
            if peek() == "?" {
                guard index + 1 < characters.count, characters[index + 1] == ":" else {
                    throw RegexSyntaxError("lookaround and inline flags other than a leading (?i) are not supported", offset: start)
                }
                index += 2
            }
            let inner = try parseAlternation(depth: depth + 1)
            guard peek() == ")" else { throw RegexSyntaxError("missing ')'", offset: start) }
            index += 1
            return inner
        case "[": return .characterClass(try parseClass(start: start))
        case "\\": return try parseEscape(start: start)
        case "*", "+", "?": throw RegexSyntaxError("quantifier without anything to repeat", offset: start)
        case "{":
            index = start
            if try parseCount() != nil { throw RegexSyntaxError("quantifier without anything to repeat", offset: start) }
            index = start + 1
            return .character("{")
        default: return .character(character)
        }
    }

    private mutating func parseEscape(start: Int) throws(RegexSyntaxError) -> RegexNode {
        guard let escaped = peek() else { throw RegexSyntaxError("pattern ends with '\\'", offset: start) }
        index += 1
        if let member = Self.classMember(for: escaped) {
            return .characterClass(RegexNode.CharacterSet(members: [member], negated: false))
        }
        switch escaped {
        case "n": return .character("\n")
        case "t": return .character("\t")
        case "r": return .character("\r")
        case "1"..."9": throw RegexSyntaxError("backreferences are not supported", offset: start)
        default:
            guard !escaped.isLetter && !escaped.isNumber else {
                throw RegexSyntaxError("unknown escape '\\\(escaped)'", offset: start)
            }
            return .character(escaped)
        }
    }

    private static func classMember(for escaped: Character) -> RegexNode.CharacterSet.Member? {
        switch escaped {
        case "d": .digit
        case "w": .word
        case "s": .space
        case "D": .notDigit
        case "W": .notWord
        case "S": .notSpace
        default: nil
        }
    }

    private mutating func parseClass(start: Int) throws(RegexSyntaxError) -> RegexNode.CharacterSet {
        var negated = false
        if peek() == "^" {
            negated = true
            index += 1
        }
        var members: [RegexNode.CharacterSet.Member] = []
        var first = true
        while let character = peek(), character != "]" || first {
            first = false
            index += 1
            var low = character
            if character == "\\" {
                guard let escaped = peek() else { break }
                index += 1
                if let member = Self.classMember(for: escaped) {
                    members.append(member)
                    continue
                }
                low = escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped
            }
            if peek() == "-", index + 1 < characters.count, characters[index + 1] != "]" {
                index += 1
                var high = characters[index]
                index += 1
                if high == "\\" {
                    guard let escaped = peek() else { break }
                    index += 1
                    high = escaped
                }
                guard low <= high else { throw RegexSyntaxError("range out of order in character class", offset: index - 1) }
                members.append(.range(low, high))
            } else {
                members.append(.range(low, low))
            }
        }
        guard peek() == "]" else { throw RegexSyntaxError("missing ']'", offset: start) }
        index += 1
        return RegexNode.CharacterSet(members: members, negated: negated)
    }
}
