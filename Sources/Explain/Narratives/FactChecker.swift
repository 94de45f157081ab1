import Foundation

/// Checks that a text only states what ``Facts`` hold: every number must be a rounding of a fact
/// value (in a unit the value can be expressed in), and every activity or resource it names must
/// appear in the facts.
///
/// Numbers are read with an optional unit after them (`%`, `days`, `hours`, `minutes`, `weeks`) or a
/// currency code before them; a number with `d` decimals matches a fact value that rounds to it.
/// Names are checked against a vocabulary (the log's activity and resource names): a vocabulary
/// name in the text must occur in some fact text. Quoted text must occur in some fact text too.
///
/// ```swift
/// let checker = FactChecker(facts: facts, vocabulary: Set(log.activityNames + log.resourceNames))
/// let problems = checker.violations(in: "Approve waits 4.2 days.")
/// ```
public struct FactChecker: Sendable {
    /// One statement the facts do not support.
    public struct Violation: Hashable, Sendable, Codable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable, Codable { case number, name }
        public var kind: Kind
        /// The offending text.
        public var text: String

        public var description: String {
            kind == .number ? "the number \(text) is not in the facts" : "the name '\(text)' is not in the facts"
        }
    }

    private enum Unit { case none, percent, days, hours, minutes, weeks, money }

    /// Fact values by how they may be rendered.
    private var durationSeconds: [Double] = []
    private var ratios: [Double] = []
    private var amounts: [Double] = []
    private var plain: [Double] = []
    private var factTexts: [String] = []
    private let vocabulary: [String]
    private let currencies: Set<String>

    public init(facts: Facts, vocabulary: Set<String>) {
        self.vocabulary = vocabulary.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        currencies = facts.cost.map { [$0.currency] } ?? []
        let data = (try? JSONEncoder().encode(facts)) ?? Data()
        if let json = try? JSONSerialization.jsonObject(with: data) { collect(json, key: "") }
    }

    /// Every unsupported number and name in `text`, in order of appearance.
    public func violations(in text: String) -> [Violation] {
        var problems: [Violation] = []
        var masked = text
        for quoted in Self.quotedSegments(in: text) where !factTexts.contains(where: { $0.contains(quoted) }) {
            problems.append(Violation(kind: .name, text: quoted))
        }
        for name in vocabulary where masked.contains(name) {
            if !factTexts.contains(where: { $0.contains(name) }) {
                problems.append(Violation(kind: .name, text: name))
            }
            masked = masked.replacingOccurrences(of: name, with: " ")
        }
        for token in Self.numberTokens(in: masked) where !supports(token) {
            problems.append(Violation(kind: .number, text: token.text))
        }
        return problems
    }

    private mutating func collect(_ json: Any, key: String) {
        switch json {
        case let dictionary as [String: Any]:
            for (k, v) in dictionary { collect(v, key: k) }
        case let array as [Any]:
            for v in array { collect(v, key: key) }
        case let string as String:
            factTexts.append(string)
            for token in Self.numberTokens(in: string) { plain.append(token.value) }
        case let number as NSNumber:
            let value = number.doubleValue
            let k = key.lowercased()
            if k.contains("seconds") {
                durationSeconds.append(value)
            } else if k.contains("impact") {
                durationSeconds.append(value * 3600)
            } else if k.contains("rate") || k.contains("share") {
                ratios.append(value)
            } else if k.contains("cost") || k.contains("amount") {
                amounts.append(value)
            } else {
                plain.append(value)
            }
        default:
            break
        }
    }

    private struct Token {
        var text: String
        var value: Double
        var decimals: Int
        var unit: Unit
    }

    private func supports(_ token: Token) -> Bool {
        var tolerance = 0.5
        for _ in 0..<token.decimals { tolerance /= 10 }
        tolerance += 1e-9 * max(1, abs(token.value))
        func near(_ candidates: [Double]) -> Bool { candidates.contains { abs($0 - token.value) <= tolerance } }
        let seconds = durationSeconds
        switch token.unit {
        case .percent: return near(ratios.map { $0 * 100 }) || near(plain)
        case .days: return near(seconds.map { $0 / 86_400 })
        case .hours: return near(seconds.map { $0 / 3600 })
        case .minutes: return near(seconds.map { $0 / 60 })
        case .weeks: return near(seconds.map { $0 / 604_800 })
        case .money: return near(amounts)
        case .none:
            return near(plain) || near(amounts) || near(ratios.map { $0 * 100 }) || near(ratios)
                || near(seconds.map { $0 / 86_400 }) || near(seconds.map { $0 / 3600 }) || near(seconds.map { $0 / 60 })
        }
    }

    /// Numbers in `text` with their decimals and the unit around them. Digit groups with commas
    /// (`13,087`) read as one number.
    private static func numberTokens(in text: String) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            if i > 0, chars[i - 1].isLetter || chars[i - 1] == "_" {
                while i < chars.count, chars[i].isNumber { i += 1 }
                continue
            }
            let start = i
            var digits = ""
            var decimals = 0
            var seenPoint = false
            while i < chars.count {
                let c = chars[i]
                if c.isASCII, c.isNumber {
                    digits.append(c)
                    if seenPoint { decimals += 1 }
                } else if c == ",", !seenPoint, !digits.isEmpty, Self.isThousandsGroup(chars, after: i) {
                    // a thousands separator: skip it
                } else if c == ".", !seenPoint, i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                    seenPoint = true
                    digits.append(c)
                } else {
                    break
                }
                i += 1
            }
            let negative = start > 0 && chars[start - 1] == "-" && (start < 2 || chars[start - 2] == " " || chars[start - 2] == "(")
            if Self.isPercentileOrdinal(chars, after: i) { continue }
            let value = (Double(digits) ?? 0) * (negative ? -1 : 1)
            let unit = unitAround(chars, before: start, after: i)
            tokens.append(Token(text: String(chars[start..<i]), value: value, decimals: decimals, unit: unit))
        }
        return tokens
    }

    /// Whether `chars[comma]` is followed by exactly three digits.
    private static func isThousandsGroup(_ chars: [Character], after comma: Int) -> Bool {
        guard comma + 3 < chars.count else { return false }
        let group = chars[(comma + 1)...(comma + 3)]
        guard group.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return comma + 4 >= chars.count || !(chars[comma + 4].isASCII && chars[comma + 4].isNumber)
    }

    /// Whether the number ending at `end` is the ordinal of a percentile (`90th percentile`), which
    /// names a statistic rather than stating a value.
    private static func isPercentileOrdinal(_ chars: [Character], after end: Int) -> Bool {
        let rest = String(chars[end..<min(chars.count, end + 13)]).lowercased()
        return rest.hasPrefix("th percentile") || rest.hasPrefix("st percentile")
    }

    private static func unitAround(_ chars: [Character], before start: Int, after end: Int) -> Unit {
        var j = end
        while j < chars.count, chars[j] == " " { j += 1 }
        var word = ""
        while j < chars.count, chars[j].isLetter || chars[j] == "%" {
            word.append(chars[j])
            if chars[j] == "%" { break }
            j += 1
        }
        switch word.lowercased() {
        case "%", "percent": return .percent
        case "day", "days", "d": return .days
        case "hour", "hours", "h", "hrs": return .hours
        case "minute", "minutes", "min", "mins": return .minutes
        case "week", "weeks": return .weeks
        default: break
        }
        var k = start - 1
        while k >= 0, chars[k] == " " { k -= 1 }
        var prefix = ""
        while k >= 0, chars[k].isLetter || "€$£".contains(chars[k]) {
            prefix = String(chars[k]) + prefix
            k -= 1
        }
        if prefix.count == 3 && prefix == prefix.uppercased() || "€$£".contains(prefix) && !prefix.isEmpty {
            return .money
        }
        return .none
    }

    private static func quotedSegments(in text: String) -> [String] {
        var segments: [String] = []
        var current: String?
        for c in text {
            if c == "\"" || c == "“" || c == "”" {
                if let open = current {
                    if !open.isEmpty { segments.append(open) }
                    current = nil
                } else {
                    current = ""
                }
            } else if current != nil {
                current!.append(c)
            }
        }
        return segments
    }
}
