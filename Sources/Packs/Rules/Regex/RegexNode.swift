/// The syntax tree of a pattern.
indirect enum RegexNode: Hashable, Sendable {
    case empty
    case character(Character)
    case any
    case characterClass(CharacterSet)
    case startAnchor
    case endAnchor
    case concatenation([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, minimum: Int, maximum: Int?)

    /// A set of characters: ranges and predefined classes, possibly negated.
    struct CharacterSet: Hashable, Sendable {
        enum Member: Hashable, Sendable {
            case range(Character, Character)
            case digit, word, space
            case notDigit, notWord, notSpace
        }

        var members: [Member]
        var negated: Bool

        func contains(_ character: Character, caseInsensitive: Bool) -> Bool {
            var found = members.contains { $0.contains(character) }
            if !found, caseInsensitive {
                let variants = [Character(character.lowercased()), Character(character.uppercased())]
                    .filter { String($0).count == 1 }
                found = variants.contains { variant in members.contains { $0.contains(variant) } }
            }
            return found != negated
        }
    }
}

extension RegexNode.CharacterSet.Member {
    func contains(_ character: Character) -> Bool {
        switch self {
        case .range(let low, let high): low <= character && character <= high
        case .digit: character.isASCIIDigit
        case .word: character.isASCII && (character.isLetter || character.isNumber || character == "_")
        case .space: character.isWhitespace
        case .notDigit: !character.isASCIIDigit
        case .notWord: !(character.isASCII && (character.isLetter || character.isNumber || character == "_"))
        case .notSpace: !character.isWhitespace
        }
    }
}
