/// A tenant's redaction of text sent to language models and embedding services. E-mail addresses,
/// phone numbers, IBANs and payment card numbers are masked for every tenant by default; a pack adds
/// field names and patterns, and can switch a default rule off only by naming it in `disabledDefaults`.
///
/// ```yaml
/// redaction:
///   fields: [customerName, accountHolder]
///   patterns: ["CUST-[0-9]+"]
///   disabledDefaults: []
/// ```
public struct RedactionSettings: Hashable, Sendable, Codable {
    /// The rules on by default.
    public enum DefaultRule: String, Hashable, Sendable, Codable, CaseIterable {
        case email, phone, iban, card
    }

    /// JSON field names whose string values are masked wherever they appear in a prompt.
    public var fields: [String]
    /// Regular expressions (the packs' linear-time dialect); every whitespace-separated word that matches
    /// one in full is masked.
    public var patterns: [String]
    /// Default rules the tenant explicitly switches off.
    public var disabledDefaults: [DefaultRule]

    public init(fields: [String] = [], patterns: [String] = [], disabledDefaults: [DefaultRule] = []) {
        self.fields = fields
        self.patterns = patterns
        self.disabledDefaults = disabledDefaults
    }
}
