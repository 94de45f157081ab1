import Foundation

/// A stored API key: its public id, tenant, role and the SHA-256 of the secret (the secret itself is never
/// stored; it is shown once, when the key is created).
public struct APIKeyRecord: Codable, Sendable, Hashable {
    /// A short public id (safe to log and to show in audit records).
    public var id: String
    public var tenant: String
    public var role: Role
    /// Lower-case hex SHA-256 of the whole key.
    public var secretHash: String
    public var createdAt: Date
    /// What the key is for (`demo` for the key the example server makes at each start), or nil.
    public var label: String?

    public init(id: String, tenant: String, role: Role, secretHash: String, createdAt: Date, label: String? = nil) {
        self.id = id
        self.tenant = tenant
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.label = label
    }
}

extension APIKeyRecord {
    /// `date` as whole UTC microseconds, the precision the databases keep creation times in.
    public static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date of UTC `microseconds`.
    public static func date(microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
