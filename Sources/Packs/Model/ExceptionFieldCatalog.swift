/// The fields of the exception record that rules and argument templates may name, per exception type.
///
/// The record the Agents layer evaluates is an object with the standard fields `exceptionId`, `tenantId`,
/// `domainName`, `sourceSystem`, `exceptionType`, `severity`, `timestamp`, `confidence`, an open `context`
/// object (facts the pipeline derives) and `payload`, whose members are the fields declared by the type and
/// its entity.
public struct ExceptionFieldCatalog: Sendable {
    /// Standard scalar fields every record has.
    public static let standardFields: Set<String> = [
        "exceptionId", "tenantId", "domainName", "sourceSystem", "exceptionType", "severity", "timestamp", "confidence",
    ]
    /// Top-level objects whose members are not declared by the pack.
    public static let openObjects: Set<String> = ["context"]

    private let payloadFields: [String: [String: FieldDefinition.FieldType]]

    /// Builds the catalog from a domain pack's exception types and entities.
    public init(domainPack: DomainPack) {
        var fields: [String: [String: FieldDefinition.FieldType]] = [:]
        for type in domainPack.exceptionTypes {
            var members: [String: FieldDefinition.FieldType] = [:]
            for field in domainPack.payloadFields(of: type) where members[field.name] == nil {
                members[field.name] = field.type
            }
            fields[type.name] = members
        }
        self.payloadFields = fields
    }

    init(payloadFields: [String: [String: FieldDefinition.FieldType]]) {
        self.payloadFields = payloadFields
    }

    /// The exception types known to the catalog.
    public var exceptionTypes: [String] { payloadFields.keys.sorted() }

    /// Whether `path` names a field of exceptions of `exceptionType`.
    public func contains(_ path: [String], for exceptionType: String) -> Bool {
        type(of: path, for: exceptionType) != nil
    }

    /// Whether `path` names a field of at least one exception type (what a rule over all types may name).
    public func containsInAnyType(_ path: [String]) -> Bool {
        guard path.first == "payload", path.count > 1 else { return Self.isStandard(path) || path == ["payload"] }
        return payloadFields.keys.contains { contains(path, for: $0) }
    }

    /// The declared type of the field at `path` for `exceptionType`, `.any` below object and any fields, or
    /// nil when the path names nothing.
    public func type(of path: [String], for exceptionType: String) -> FieldDefinition.FieldType? {
        guard let head = path.first else { return nil }
        if Self.openObjects.contains(head) { return .any }
        if Self.standardFields.contains(head) {
            guard path.count == 1 else { return nil }
            return head == "confidence" ? .number : .string
        }
        guard head == "payload" else { return nil }
        guard path.count > 1 else { return .object }
        guard let fieldType = payloadFields[exceptionType]?[path[1]] else { return nil }
        guard path.count > 2 else { return fieldType }
        return fieldType == .object || fieldType == .any || fieldType == .array ? .any : nil
    }

    private static func isStandard(_ path: [String]) -> Bool {
        guard let head = path.first else { return false }
        return openObjects.contains(head) || (standardFields.contains(head) && path.count == 1)
    }
}
