/// Evaluates a rule tree against one record. Values are `PackValue?`, nil standing for a missing field;
/// every operator is defined for every input, so evaluation never fails — it only runs out of budget.
struct RuleEvaluator {
    let record: PackValue
    let limits: RuleLimits
    private(set) var budget: Int
    /// Values of slotted fields read so far (nil: not read yet); empty for unbound rules.
    var slotValues = UnsafeMutableBufferPointer<PackValue??>(start: nil, count: 0)

    init(record: PackValue, limits: RuleLimits) {
        self.record = record
        self.limits = limits
        self.budget = limits.evaluationBudget
    }

    /// The truth of a node used as a condition: only `true` (a boolean literal or field holding true, or an
    /// operator that holds) counts.
    mutating func truth(of node: RuleNode) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        switch node {
        case .not(let inner): return !truth(of: inner)
        case .and(let left, let right): return truth(of: left) && budget > 0 && truth(of: right)
        case .or(let left, let right): return truth(of: left) || (budget > 0 && truth(of: right))
        case .compare(let op, let left, let right): return compare(op, value(of: left), value(of: right))
        case .membership(let left, let right): return isMember(value(of: left), of: value(of: right))
        case .contains(let left, let right): return contains(value(of: left), value(of: right))
        case .matches(let inner, let regex): return matches(value(of: inner), regex)
        case .literal, .field, .list: return value(of: node) == .bool(true)
        }
    }

    private mutating func value(of node: RuleNode) -> PackValue? {
        budget -= 1
        switch node {
        case .literal(let value): return value
        case .field(let path, _, let slot):
            guard let slot else { return record[segments: path] }
            if let cached = slotValues[slot] { return cached }
            let value = record[segments: path]
            slotValues[slot] = .some(value)
            return value
        case .list(let elements):
            var values: [PackValue] = []
            for element in elements {
                guard let value = value(of: element) else { continue }
                values.append(value)
            }
            return .array(values)
        default: return .bool(truth(of: node))
        }
    }

    private mutating func compare(_ op: RuleNode.Comparison, _ left: PackValue?, _ right: PackValue?) -> Bool {
        guard let left, let right else { return false }
        switch op {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = ordering(left, right) else { return false }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    private mutating func equal(_ left: PackValue, _ right: PackValue) -> Bool {
        budget -= 1
        return left == right
    }

    private func ordering(_ left: PackValue, _ right: PackValue) -> Int? {
        switch (left, right) {
        case (.number(let l), .number(let r)): return l < r ? -1 : (l > r ? 1 : 0)
        case (.string(let l), .string(let r)): return l < r ? -1 : (l > r ? 1 : 0)
        default: return nil
        }
    }

    private mutating func isMember(_ element: PackValue?, of collection: PackValue?) -> Bool {
        guard let element, case .array(let candidates)? = collection else { return false }
        for candidate in candidates {
            guard budget > 0 else { return false }
            if equal(element, candidate) { return true }
        }
        return false
    }

    private mutating func contains(_ container: PackValue?, _ part: PackValue?) -> Bool {
        switch (container, part) {
        case (.string(let text)?, .string(let fragment)?):
            guard text.count <= limits.maximumMatchInputLength else { return false }
            budget -= text.count
            return budget > 0 && text.contains(fragment)
        case (.array(let elements)?, let element?):
            return isMember(element, of: .array(elements))
        default:
            return false
        }
    }

    private mutating func matches(_ value: PackValue?, _ regex: BoundedRegex) -> Bool {
        guard case .string(let text)? = value, text.utf8.count <= limits.maximumMatchInputLength * 4,
            text.count <= limits.maximumMatchInputLength
        else { return false }
        return regex.matches(text, budget: &budget) ?? false
    }
}
