import Agents

/// Who is calling: the key's public id, tenant and role, established by `AuthenticationMiddleware`.
public struct Principal: Sendable, Hashable {
    public var keyID: String
    public var tenant: String
    public var role: Role

    public init(keyID: String, tenant: String, role: Role) {
        self.keyID = keyID
        self.tenant = tenant
        self.role = role
    }
}
