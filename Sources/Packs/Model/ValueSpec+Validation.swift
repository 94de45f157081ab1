extension ValueSpec {
    /// A way a value fails its spec.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        /// Where in the value (prefixed by the pointer passed to `violations(of:at:)`).
        public var path: JSONPointer
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Every way `value` fails this spec; empty when it conforms. Used for tool arguments before a call and
    /// results after one. Findings come in document order with object members by key; at most about 100.
    public func violations(of value: PackValue, at path: JSONPointer = .root) -> [Violation] {
        var found: [Violation] = []
        var location = path
        var budget = 100
        collect(value, at: &location, depth: 0, into: &found, budget: &budget)
        return found
    }

    /// Walks `value` with one pointer that is extended and shortened in place, so a conforming value is
    /// checked without building a pointer per member; object members are visited in storage order and only
    /// members with findings are sorted by key.
    private func collect(_ value: PackValue, at path: inout JSONPointer, depth: Int, into found: inout [Violation],
                         budget: inout Int) {
        guard depth < 64, budget > 0 else { return }
        func report(_ message: String) {
            found.append(Violation(path: path, message: message))
            budget -= 1
        }
        if let type, !Self.value(value, hasType: type) {
            report("expected \(type.rawValue), found \(value.typeName)")
            return
        }
        if let enumeration, !enumeration.contains(value) {
            report("value is not one of the allowed values")
        }
        switch value {
        case .number(let number):
            if let minimum, number < minimum { report("below the minimum \(PackDocumentWriter.numberText(minimum))") }
            if let maximum, number > maximum { report("above the maximum \(PackDocumentWriter.numberText(maximum))") }
        case .string(let text):
            if let minLength, text.count < minLength { report("shorter than \(minLength) characters") }
            if let maxLength, text.count > maxLength { report("longer than \(maxLength) characters") }
            if let pattern, let regex = patternRegex, regex.isMatch(in: String(text.prefix(4096))) != true {
                report("does not match the pattern \(pattern)")
            }
        case .array(let elements):
            if let minItems, elements.count < minItems { report("fewer than \(minItems) items") }
            if let maxItems, elements.count > maxItems { report("more than \(maxItems) items") }
            if let items {
                for (index, element) in elements.enumerated() {
                    path.append(.index(index))
                    items.collect(element, at: &path, depth: depth + 1, into: &found, budget: &budget)
                    path.removeLast()
                }
            }
        case .object(let members):
            for name in required ?? [] where members[name] == nil {
                found.append(Violation(path: path.appending(name), message: "missing required member '\(name)'"))
                budget -= 1
            }
            let budgetBefore = budget
            var byMember = collectMembers(members, keys: members.keys, at: &path, depth: depth, budget: &budget)
            if budget <= 0 {
                budget = budgetBefore
                byMember = collectMembers(members, keys: members.keys.sorted(), at: &path, depth: depth, budget: &budget)
            }
            for member in byMember.sorted(by: { $0.key < $1.key }) { found += member.violations }
        case .null, .bool:
            break
        }
    }

    /// The findings of each member (of `keys`, in that order) that has any, until the budget runs out. When
    /// it runs out, the caller walks again in key order, so which findings are kept does not depend on the
    /// dictionary's storage order.
    private func collectMembers(_ members: [String: PackValue], keys: some Sequence<String>, at path: inout JSONPointer,
                                depth: Int, budget: inout Int) -> [(key: String, violations: [Violation])] {
        var byMember: [(key: String, violations: [Violation])] = []
        for key in keys {
            guard budget > 0 else { break }
            var memberFound: [Violation] = []
            path.append(.key(key))
            if let spec = properties?[key] {
                spec.collect(members[key]!, at: &path, depth: depth + 1, into: &memberFound, budget: &budget)
            } else if additionalProperties == false {
                memberFound.append(Violation(path: path, message: "member '\(key)' is not allowed"))
                budget -= 1
            }
            path.removeLast()
            if !memberFound.isEmpty { byMember.append((key, memberFound)) }
        }
        return byMember
    }

    private static func value(_ value: PackValue, hasType type: ValueType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null): true
        case (.integer, .number): value.integerValue != nil
        default: false
        }
    }
}
