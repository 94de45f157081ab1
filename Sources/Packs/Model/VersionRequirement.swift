/// A range of acceptable semantic versions, as npm and Cargo write them: `1.2.3` (exactly), `^1.2.3`
/// (compatible: same major, at least 1.2.3), `~1.2.3` (same minor), `1.x` / `1.2.x` / `*` (wildcards) and
/// space-separated comparators (`>=1.0.0 <2.0.0`), all of which must hold.
///
/// A tenant policy pack names the domain pack versions it was written for with one of these.
public struct VersionRequirement: Hashable, Sendable, CustomStringConvertible, Codable {
    /// One `operator version` bound.
    public struct Comparator: Hashable, Sendable {
        public enum Operator: String, Hashable, Sendable {
            case equal = "="
            case greater = ">"
            case greaterOrEqual = ">="
            case less = "<"
            case lessOrEqual = "<="
        }

        public var op: Operator
        public var version: SemanticVersion

        public func isSatisfied(by candidate: SemanticVersion) -> Bool {
            switch op {
            case .equal: !(candidate < version) && !(version < candidate)
            case .greater: version < candidate
            case .greaterOrEqual: !(candidate < version)
            case .less: candidate < version
            case .lessOrEqual: !(version < candidate)
            }
        }
    }

    /// The text as written.
    public let text: String
    /// The bounds the text stands for; all must hold.
    public let comparators: [Comparator]

    /// Parses a requirement, or returns nil when the text is not one.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        var comparators: [Comparator] = []
        for term in trimmed.split(separator: " ", omittingEmptySubsequences: true) {
            guard let bounds = Self.comparators(for: String(term)) else { return nil }
            comparators += bounds
        }
        self.text = trimmed
        self.comparators = comparators
    }

    /// Whether `version` lies in the range. Pre-releases match only when a bound names the same
    /// major.minor.patch with a pre-release, as in npm.
    public func isSatisfied(by version: SemanticVersion) -> Bool {
        guard comparators.allSatisfy({ $0.isSatisfied(by: version) }) else { return false }
        guard !version.prerelease.isEmpty else { return true }
        return comparators.contains {
            !$0.version.prerelease.isEmpty
                && ($0.version.major, $0.version.minor, $0.version.patch) == (version.major, version.minor, version.patch)
        }
    }

    public var description: String { text }

    private static func comparators(for term: String) -> [Comparator]? {
        if term == "*" || term == "x" || term == "X" { return [] }
        for op in ["^", "~", ">=", "<=", ">", "<", "="] where term.hasPrefix(op) {
            return comparators(operator: op, rest: String(term.dropFirst(op.count)))
        }
        return comparators(operator: "", rest: term)
    }

    private static func comparators(operator op: String, rest: String) -> [Comparator]? {
        let parts = rest.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let isWildcard = { (part: String) in part == "x" || part == "X" || part == "*" }
        if let wildcardIndex = parts.firstIndex(where: isWildcard) ?? (parts.count < 3 && !parts.last!.contains("-") ? parts.count : nil) {
            guard op.isEmpty || op == "^" || op == "~" || op == "=" else { return nil }
            let fixed = parts.prefix(wildcardIndex)
            guard fixed.allSatisfy({ Int($0) != nil && !$0.isEmpty }), !fixed.isEmpty || wildcardIndex == 0 else { return nil }
            let numbers = fixed.map { Int($0)! }
            switch numbers.count {
            case 0: return []
            case 1:
                return [Comparator(op: .greaterOrEqual, version: SemanticVersion(numbers[0], 0, 0)),
                        Comparator(op: .less, version: SemanticVersion(numbers[0] + 1, 0, 0, prerelease: ["0"]))]
            default:
                let upper = op == "^" && numbers[0] > 0
                    ? SemanticVersion(numbers[0] + 1, 0, 0, prerelease: ["0"])
                    : SemanticVersion(numbers[0], numbers[1] + 1, 0, prerelease: ["0"])
                return [Comparator(op: .greaterOrEqual, version: SemanticVersion(numbers[0], numbers[1], 0)),
                        Comparator(op: .less, version: upper)]
            }
        }
        guard let version = SemanticVersion(rest) else { return nil }
        switch op {
        case "", "=": return [Comparator(op: .equal, version: version)]
        case ">": return [Comparator(op: .greater, version: version)]
        case ">=": return [Comparator(op: .greaterOrEqual, version: version)]
        case "<": return [Comparator(op: .less, version: version)]
        case "<=": return [Comparator(op: .lessOrEqual, version: version)]
        case "~":
            return [Comparator(op: .greaterOrEqual, version: version),
                    Comparator(op: .less, version: SemanticVersion(version.major, version.minor + 1, 0, prerelease: ["0"]))]
        case "^":
            let upper: SemanticVersion
            if version.major > 0 {
                upper = SemanticVersion(version.major + 1, 0, 0, prerelease: ["0"])
            } else if version.minor > 0 {
                upper = SemanticVersion(0, version.minor + 1, 0, prerelease: ["0"])
            } else {
                upper = SemanticVersion(0, 0, version.patch + 1, prerelease: ["0"])
            }
            return [Comparator(op: .greaterOrEqual, version: version), Comparator(op: .less, version: upper)]
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let requirement = Self(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a version requirement")
        }
        self = requirement
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == startIndex && index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
