/// Checks a document tree against a `PackShape`, reporting every problem with its JSON pointer, and
/// returns the tree with defaults filled in (which the Codable models then decode).
struct ShapeValidator {
    private(set) var report = ValidationReport()
    private let definitions: [String: PackShape]

    init(definitions: [String: PackShape] = PackSchema.definitions) {
        self.definitions = definitions
    }

    /// The normalised value, or nil when `value` is unusable at this path (the reason is in `report`).
    mutating func check(_ value: PackValue, against shape: PackShape, at path: JSONPointer) -> PackValue? {
        switch shape {
        case .any:
            return value
        case .reference(let name):
            guard let definition = definitions[name] else { return value }
            return check(value, against: definition, at: path)
        case .string(let format):
            guard case .string(let text) = value else { return mismatch(value, expected: "a string", at: path) }
            return checkFormat(text, format, at: path) ? value : nil
        case .enumeration(let allowed):
            guard case .string(let text) = value else { return mismatch(value, expected: "a string", at: path) }
            guard allowed.contains(text) else {
                report.error(.invalidValue, at: path, "'\(text.prefix(64))' is not one of \(allowed.joined(separator: ", "))")
                return nil
            }
            return value
        case .number(let minimum, let maximum):
            guard case .number(let number) = value else { return mismatch(value, expected: "a number", at: path) }
            return checkRange(number, minimum: minimum, maximum: maximum, at: path) ? value : nil
        case .integer(let minimum, let maximum):
            guard case .number(let number) = value else { return mismatch(value, expected: "an integer", at: path) }
            guard value.integerValue != nil else {
                report.error(.typeMismatch, at: path, "expected an integer, found \(PackDocumentWriter.numberText(number))")
                return nil
            }
            return checkRange(number, minimum: minimum.map(Double.init), maximum: maximum.map(Double.init), at: path) ? value : nil
        case .boolean:
            guard case .bool = value else { return mismatch(value, expected: "true or false", at: path) }
            return value
        case .array(let element, let minItems):
            guard case .array(let elements) = value else { return mismatch(value, expected: "an array", at: path) }
            if elements.count < minItems {
                report.error(.invalidValue, at: path, "needs at least \(minItems) item\(minItems == 1 ? "" : "s")")
            }
            var normalised: [PackValue] = []
            var usable = true
            for (index, item) in elements.enumerated() {
                if let checked = check(item, against: element, at: path.appending(index)) {
                    normalised.append(checked)
                } else {
                    usable = false
                }
            }
            return usable ? .array(normalised) : nil
        case .map(let element):
            guard case .object(let members) = value else { return mismatch(value, expected: "an object", at: path) }
            var normalised: [String: PackValue] = [:]
            var usable = true
            for key in members.keys.sorted() {
                if let checked = check(members[key]!, against: element, at: path.appending(key)) {
                    normalised[key] = checked
                } else {
                    usable = false
                }
            }
            return usable ? .object(normalised) : nil
        case .object(let object):
            guard case .object(let members) = value else { return mismatch(value, expected: "an object", at: path) }
            return checkObject(members, object, at: path)
        case .tagged(let discriminator, let variants):
            guard case .object(let members) = value else { return mismatch(value, expected: "an object", at: path) }
            let tags = variants.map(\.tag)
            guard let tagValue = members[discriminator] else {
                report.error(.missingKey, at: path.appending(discriminator), "missing '\(discriminator)' (one of \(tags.joined(separator: ", ")))")
                return nil
            }
            guard case .string(let tag) = tagValue, let variant = variants.first(where: { $0.tag == tag }) else {
                report.error(.invalidValue, at: path.appending(discriminator), "must be one of \(tags.joined(separator: ", "))")
                return nil
            }
            return checkObject(members, variant.shape, at: path)
        }
    }

    private mutating func checkObject(_ members: [String: PackValue], _ object: ObjectShape, at path: JSONPointer) -> PackValue? {
        var normalised: [String: PackValue] = [:]
        var usable = true
        for key in members.keys.sorted() where object.field(named: key) == nil {
            report.error(.unknownKey, at: path.appending(key), "unknown key '\(key)' in \(object.title)")
            usable = false
        }
        for field in object.fields {
            if let member = members[field.name] {
                if let checked = check(member, against: field.shape, at: path.appending(field.name)) {
                    normalised[field.name] = checked
                } else {
                    usable = false
                }
            } else if field.required {
                report.error(.missingKey, at: path.appending(field.name), "missing required key '\(field.name)' in \(object.title)")
                usable = false
            } else if let defaultValue = field.defaultValue {
                var defaults = ShapeValidator(definitions: definitions)
                normalised[field.name] = defaults.check(defaultValue, against: field.shape, at: path.appending(field.name)) ?? defaultValue
            }
        }
        return usable ? .object(normalised) : nil
    }

    private mutating func mismatch(_ value: PackValue, expected: String, at path: JSONPointer) -> PackValue? {
        report.error(.typeMismatch, at: path, "expected \(expected), found \(value.typeName)")
        return nil
    }

    private mutating func checkRange(_ number: Double, minimum: Double?, maximum: Double?, at path: JSONPointer) -> Bool {
        if let minimum, number < minimum {
            report.error(.invalidValue, at: path, "\(PackDocumentWriter.numberText(number)) is below the minimum \(PackDocumentWriter.numberText(minimum))")
            return false
        }
        if let maximum, number > maximum {
            report.error(.invalidValue, at: path, "\(PackDocumentWriter.numberText(number)) is above the maximum \(PackDocumentWriter.numberText(maximum))")
            return false
        }
        return true
    }

    private mutating func checkFormat(_ text: String, _ format: StringFormat, at path: JSONPointer) -> Bool {
        let shown = "'\(text.prefix(64))'"
        switch format {
        case .text:
            return true
        case .identifier:
            guard StringFormatCheck.isIdentifier(text) else {
                report.error(.invalidName, at: path, "\(shown) is not a valid name (a letter, then letters, digits, '_', '.', ':' or '-'; at most 128 characters)")
                return false
            }
        case .constantName:
            guard StringFormatCheck.isConstantName(text) else {
                report.error(.invalidName, at: path, "\(shown) is not an UPPER_SNAKE_CASE name")
                return false
            }
        case .semanticVersion:
            guard SemanticVersion(text) != nil else {
                report.error(.invalidVersion, at: path, "\(shown) is not a semantic version (MAJOR.MINOR.PATCH)")
                return false
            }
        case .versionRequirement:
            guard VersionRequirement(text) != nil else {
                report.error(.invalidVersion, at: path, "\(shown) is not a version requirement (e.g. ^1.2.0, ~1.2, >=1.0.0 <2.0.0)")
                return false
            }
        case .rule:
            do {
                _ = try RuleExpression(text)
            } catch {
                report.error(.invalidRule, at: path, "rule does not parse at column \(error.column): \(error.message)")
                return false
            }
        case .pattern:
            do {
                _ = try BoundedRegex(text)
            } catch {
                report.error(.invalidRule, at: path, "pattern does not compile at offset \(error.offset): \(error.message)")
                return false
            }
        case .fieldPath:
            guard StringFormatCheck.isFieldPath(text) else {
                report.error(.invalidValue, at: path, "\(shown) is not a field path (dot-separated names such as payload.amount)")
                return false
            }
        case .url:
            guard StringFormatCheck.isURL(text) else {
                report.error(.invalidValue, at: path, "\(shown) is not an http(s) URL")
                return false
            }
        }
        return true
    }
}

/// The string formats of pack documents, shared by shape validation and cross-reference checks.
enum StringFormatCheck {
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.count <= 128 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.:-".contains($0)) }
    }

    static func isConstantName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isUppercase, text.count <= 128 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }

    static func isFieldPath(_ text: String) -> Bool {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.count <= 32, let first = segments.first?.first, first.isIdentifierStart else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.allSatisfy { $0.isIdentifierStart || $0.isASCIIDigit }
        }
    }

    static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        return !rest.isEmpty && !rest.hasPrefix("/") && !text.contains(where: \.isWhitespace)
    }
}
