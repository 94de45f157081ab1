import Packs

/// Masks personal data in text before it leaves the process for a language model or an embedding
/// service.
///
/// On by default for every tenant: e-mail addresses (`[EMAIL]`), phone numbers in international
/// (`+…`) or grouped form (`[PHONE]`), IBANs that pass the ISO 13616 mod-97 check (`[IBAN]`) and payment
/// card numbers of 13–19 digits that pass the Luhn check (`[CARD]`). A tenant's
/// `RedactionSettings` adds JSON field names whose string values are masked (`"customerName": "[REDACTED]"`)
/// and patterns that mask every word they match in full, and can switch a default rule off only by naming it.
///
/// The checksums keep measurements (durations, counts, dates) from being mistaken for account numbers,
/// so narratives keep their facts.
///
/// ```swift
/// let redactor = try Redactor(settings: tenant.redaction)
/// redactor.redact("Mail jane@example.com, IBAN DE89 3704 0044 0532 0130 00")
/// // "Mail [EMAIL], IBAN [IBAN]"
/// ```
public struct Redactor: Sendable {
    private let rules: Set<RedactionSettings.DefaultRule>
    private let fields: [String]
    private let patterns: [BoundedRegex]

    /// The defaults only.
    public static let standard = Redactor(rules: Set(RedactionSettings.DefaultRule.allCases), fields: [], patterns: [])

    /// A redactor for a tenant's settings.
    /// - Throws: ``ProviderError`` (`invalidRequest`) when a pattern is outside the packs' regex dialect.
    public init(settings: RedactionSettings) throws(ProviderError) {
        var compiled: [BoundedRegex] = []
        for pattern in settings.patterns {
            do {
                compiled.append(try BoundedRegex("^(?:" + pattern + ")$"))
            } catch {
                throw ProviderError(.invalidRequest, provider: nil, detail: "redaction pattern '\(pattern)' is invalid: \(error)")
            }
        }
        self.init(rules: Set(RedactionSettings.DefaultRule.allCases).subtracting(settings.disabledDefaults),
                  fields: settings.fields, patterns: compiled)
    }

    private init(rules: Set<RedactionSettings.DefaultRule>, fields: [String], patterns: [BoundedRegex]) {
        self.rules = rules
        self.fields = fields
        self.patterns = patterns
    }

    /// `text` with every match masked.
    public func redact(_ text: String) -> String {
        var bytes = Array(text.utf8)
        if !fields.isEmpty { bytes = Self.maskFields(fields, in: bytes) }
        if rules.contains(.iban) { bytes = Self.replace(in: bytes, mask: "[IBAN]", finder: Self.iban) }
        if rules.contains(.card) { bytes = Self.replace(in: bytes, mask: "[CARD]", finder: Self.card) }
        if rules.contains(.email) { bytes = Self.replace(in: bytes, mask: "[EMAIL]", finder: Self.email) }
        if rules.contains(.phone) { bytes = Self.replace(in: bytes, mask: "[PHONE]", finder: Self.phone) }
        var result = String(decoding: bytes, as: UTF8.self)
        if !patterns.isEmpty { result = maskPatterns(result) }
        return result
    }

    // MARK: - Scanning

    /// Finds a match starting at `start` and returns its end, or nil.
    private typealias Finder = (_ bytes: [UInt8], _ start: Int) -> Int?

    private static func replace(in bytes: [UInt8], mask: String, finder: Finder) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let end = finder(bytes, i) {
                output += mask.utf8
                i = end
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
        return output
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    private static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || (b >= 0x61 && b <= 0x7A) }
    private static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    private static func startsWord(_ bytes: [UInt8], _ i: Int) -> Bool { i == 0 || !isAlnum(bytes[i - 1]) && bytes[i - 1] < 0x80 }

    /// Whether `i` continues a run of digit groups (`1234 5678`), where no number may start.
    private static func continuesDigitGroups(_ bytes: [UInt8], _ i: Int) -> Bool {
        i >= 2 && (bytes[i - 1] == 0x20 || bytes[i - 1] == 0x2D) && isDigit(bytes[i - 2])
    }

    private static func email(_ bytes: [UInt8], _ start: Int) -> Int? {
        let local: (UInt8) -> Bool = { isAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x25 || $0 == 0x2B || $0 == 0x2D }
        guard local(bytes[start]), start == 0 || !local(bytes[start - 1]) else { return nil }
        var i = start
        while i < bytes.count, local(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 0x40, i > start else { return nil }
        i += 1
        let domainStart = i
        var lastDot = -1
        while i < bytes.count, isAlnum(bytes[i]) || bytes[i] == 0x2D || (bytes[i] == 0x2E && i + 1 < bytes.count && isAlnum(bytes[i + 1])) {
            if bytes[i] == 0x2E { lastDot = i }
            i += 1
        }
        guard lastDot > domainStart, i - lastDot - 1 >= 2, bytes[(lastDot + 1)..<i].allSatisfy(isLetter) else { return nil }
        return i
    }

    private static func phone(_ bytes: [UInt8], _ start: Int) -> Int? {
        let first = bytes[start]
        guard first == 0x2B || first == 0x28 || isDigit(first), startsWord(bytes, start),
              !continuesDigitGroups(bytes, start) else { return nil }
        if start > 0, bytes[start - 1] == 0x2D || bytes[start - 1] == 0x2E || bytes[start - 1] == 0x2C { return nil }
        var i = start + (first == 0x2B ? 1 : 0)
        var digits = 0
        var groups = 0
        var groupLength = 0
        var shortGroups = 0
        var end = -1
        var lastWasSeparator = false
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                digits += 1
                groupLength += 1
                end = i + 1
                lastWasSeparator = false
            } else if b == 0x20 || b == 0x2D || b == 0x28 || b == 0x29 {
                if lastWasSeparator && b != 0x28 { break }
                if groupLength > 0 {
                    groups += 1
                    if groupLength < 2 { shortGroups += 1 }
                }
                groupLength = 0
                lastWasSeparator = b != 0x29
            } else {
                break
            }
            i += 1
        }
        guard end > 0 else { return nil }
        if groupLength > 0 { groups += 1 }
        if end < bytes.count, isAlnum(bytes[end]) || bytes[end] == 0x2E && end + 1 < bytes.count && isDigit(bytes[end + 1]) {
            return nil
        }
        if first == 0x2B { return (8...15).contains(digits) ? end : nil }
        guard (9...15).contains(digits), groups >= 2, shortGroups == 0 else { return nil }
        // Dates (2024-01-16 …) are not phone numbers.
        let prefix = bytes[start..<min(bytes.count, start + 10)]
        if prefix.count == 10, prefix.enumerated().allSatisfy({ [4, 7].contains($0.offset) ? $0.element == 0x2D : isDigit($0.element) }) {
            return nil
        }
        return end
    }

    private static func iban(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start + 15 <= bytes.count, startsWord(bytes, start), isUpper(bytes[start]), isUpper(bytes[start + 1]),
              isDigit(bytes[start + 2]), isDigit(bytes[start + 3]) else { return nil }
        var characters: [UInt8] = []
        var i = start
        var end = start
        while i < bytes.count, characters.count < 34 {
            let b = bytes[i]
            if isDigit(b) || isUpper(b) {
                characters.append(b)
                end = i + 1
            } else if b == 0x20, i + 1 < bytes.count, isDigit(bytes[i + 1]) || isUpper(bytes[i + 1]), characters.count % 4 == 0 {
                // a space between groups of four
            } else {
                break
            }
            i += 1
        }
        guard characters.count >= 15, end == bytes.count || !isAlnum(bytes[end]) else { return nil }
        let rearranged = characters[4...] + characters[..<4]
        var remainder = 0
        for c in rearranged {
            let value = isDigit(c) ? Int(c - 0x30) : Int(c - 0x41) + 10
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        return remainder == 1 ? end : nil
    }

    private static func card(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard isDigit(bytes[start]), start == 0 || !isAlnum(bytes[start - 1]) && bytes[start - 1] != 0x2E,
              !continuesDigitGroups(bytes, start) else { return nil }
        var digits: [Int] = []
        var i = start
        var end = start
        while i < bytes.count, digits.count < 19 {
            let b = bytes[i]
            if isDigit(b) {
                digits.append(Int(b - 0x30))
                end = i + 1
            } else if (b == 0x20 || b == 0x2D), i + 1 < bytes.count, isDigit(bytes[i + 1]) {
                // a separator between digit groups
            } else {
                break
            }
            i += 1
        }
        guard digits.count >= 13, end == bytes.count || !isDigit(bytes[end]) && !(bytes[end] == 0x2E && end + 1 < bytes.count && isDigit(bytes[end + 1])) else {
            return nil
        }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let doubled = offset % 2 == 1 ? digit * 2 : digit
            sum += doubled > 9 ? doubled - 9 : doubled
        }
        return sum % 10 == 0 ? end : nil
    }

    /// Masks the string value of `"field": "…"` for every named field.
    private static func maskFields(_ fields: [String], in bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let keys = fields.map { Array(("\"" + $0 + "\"").utf8) }
        var i = 0
        outer: while i < bytes.count {
            if bytes[i] == 0x22 {
                for key in keys where bytes[i...].starts(with: key) {
                    var j = i + key.count
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                    guard j < bytes.count, bytes[j] == 0x3A else { continue }
                    j += 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                    guard j < bytes.count, bytes[j] == 0x22 else { continue }
                    var k = j + 1
                    var escaped = false
                    while k < bytes.count {
                        if escaped { escaped = false } else if bytes[k] == 0x5C { escaped = true } else if bytes[k] == 0x22 { break }
                        k += 1
                    }
                    output += bytes[i...j]
                    output += Array("[REDACTED]\"".utf8)
                    i = min(bytes.count, k + 1)
                    continue outer
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return output
    }

    /// Masks every whitespace-separated word (trimmed of surrounding punctuation) that a pattern matches in full.
    private func maskPatterns(_ text: String) -> String {
        let trim: Set<Character> = ["\"", "'", ",", ".", ";", ":", "(", ")", "[", "]", "{", "}"]
        var result = ""
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let core = word.drop { trim.contains($0) }.reversed().drop { trim.contains($0) }.reversed()
            let coreText = String(core)
            if !coreText.isEmpty, patterns.contains(where: { $0.isMatch(in: coreText) == true }),
               let range = word.range(of: coreText) {
                word.replaceSubrange(range, with: "[REDACTED]")
            }
            result += word
            word = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }
}
