/// The machine-readable kind of a validation finding. Scripts match on these; they never change meaning.
public struct ValidationCode: Hashable, Sendable, RawRepresentable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // Reading and shape.
    /// The file is not well-formed JSON or YAML (line and column given).
    public static let syntaxError: ValidationCode = "syntaxError"
    /// The file cannot be read.
    public static let unreadableFile: ValidationCode = "unreadableFile"
    /// A member the schema does not define.
    public static let unknownKey: ValidationCode = "unknownKey"
    /// A required member is absent.
    public static let missingKey: ValidationCode = "missingKey"
    /// A value of the wrong JSON type.
    public static let typeMismatch: ValidationCode = "typeMismatch"
    /// A value of the right type outside the allowed values or range.
    public static let invalidValue: ValidationCode = "invalidValue"
    /// An identifier or name that breaks the naming rules.
    public static let invalidName: ValidationCode = "invalidName"
    /// A version that is not semantic (`MAJOR.MINOR.PATCH`) or a version requirement that does not parse.
    public static let invalidVersion: ValidationCode = "invalidVersion"
    /// A rule-language expression or pattern that does not parse.
    public static let invalidRule: ValidationCode = "invalidRule"
    /// An argument template with a malformed `{{...}}` placeholder.
    public static let invalidTemplate: ValidationCode = "invalidTemplate"
    // References.
    public static let duplicateName: ValidationCode = "duplicateName"
    public static let duplicateID: ValidationCode = "duplicateId"
    public static let unknownExceptionType: ValidationCode = "unknownExceptionType"
    public static let unknownTool: ValidationCode = "unknownTool"
    public static let unknownPlaybook: ValidationCode = "unknownPlaybook"
    public static let unknownEntity: ValidationCode = "unknownEntity"
    public static let unknownField: ValidationCode = "unknownField"
    public static let unknownGuardrail: ValidationCode = "unknownGuardrail"
    public static let unknownArgument: ValidationCode = "unknownArgument"
    public static let missingArgument: ValidationCode = "missingArgument"
    public static let argumentMismatch: ValidationCode = "argumentMismatch"
    public static let invalidRollback: ValidationCode = "invalidRollback"
    // Tenant against domain.
    public static let domainMismatch: ValidationCode = "domainMismatch"
    public static let incompatibleVersion: ValidationCode = "incompatibleVersion"
    public static let toolNotAllowed: ValidationCode = "toolNotAllowed"
    public static let overrideLoosens: ValidationCode = "overrideLoosens"
    // Warnings.
    /// A loosening override permitted by `allowLoosening: true`.
    public static let guardrailLoosened: ValidationCode = "guardrailLoosened"
    /// A rollback step whose earlier steps cannot all be undone.
    public static let rollbackUnavailable: ValidationCode = "rollbackUnavailable"
}
