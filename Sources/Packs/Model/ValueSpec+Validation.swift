extension ValueSpec {
    /// A way a value fails its spec.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        /// Where in the value (prefixed by the pointer passed to `violations(of:at:)`).
        public var path: JSONPointer
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Every way `value` fails this spec; empty when it conforms. Used for tool arguments before a call and
    /// results after one.
    public func violations(of value: PackValue, at path: JSONPointer = .root) -> [Violation] {
        var found: [Violation] = []
        collect(value, at: path, depth: 0, into: &found)
        return found
    }

    private func collect(_ value: PackValue, at path: JSONPointer, depth: Int, into found: inout [Violation]) {
        guard depth < 64, found.count < 100 else { return }
        if let type, !Self.value(value, hasType: type) {
            found.append(Violation(path: path, message: "expected \(type.rawValue), found \(value.typeName)"))
            return
        }
        if let enumeration, !enumeration.contains(value) {
            found.append(Violation(path: path, message: "value is not one of the allowed values"))
        }
        switch value {
        case .number(let number):
            if let minimum, number < minimum { found.append(Violation(path: path, message: "below the minimum \(PackDocumentWriter.numberText(minimum))")) }
            if let maximum, number > maximum { found.append(Violation(path: path, message: "above the maximum \(PackDocumentWriter.numberText(maximum))")) }
        case .string(let text):
            if let minLength, text.count < minLength { found.append(Violation(path: path, message: "shorter than \(minLength) characters")) }
            if let maxLength, text.count > maxLength { found.append(Violation(path: path, message: "longer than \(maxLength) characters")) }
            if let pattern, let regex = patternRegex, regex.isMatch(in: String(text.prefix(4096))) != true {
                found.append(Violation(path: path, message: "does not match the pattern \(pattern)"))
            }
        case .array(let elements):
            if let minItems, elements.count < minItems { found.append(Violation(path: path, message: "fewer than \(minItems) items")) }
            if let maxItems, elements.count > maxItems { found.append(Violation(path: path, message: "more than \(maxItems) items")) }
            if let items {
                for (index, element) in elements.enumerated() { items.collect(element, at: path.appending(index), depth: depth + 1, into: &found) }
            }
        case .object(let members):
            for name in required ?? [] where members[name] == nil {
                found.append(Violation(path: path.appending(name), message: "missing required member '\(name)'"))
            }
            for key in members.keys.sorted() {
                if let spec = properties?[key] {
                    spec.collect(members[key]!, at: path.appending(key), depth: depth + 1, into: &found)
                } else if additionalProperties == false {
                    found.append(Violation(path: path.appending(key), message: "member '\(key)' is not allowed"))
                }
            }
        case .null, .bool:
            break
        }
    }

    private static func value(_ value: PackValue, hasType type: ValueType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null): true
        case (.integer, .number): value.integerValue != nil
        default: false
        }
    }
}
