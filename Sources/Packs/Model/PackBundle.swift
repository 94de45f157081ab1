/// A domain pack with a tenant policy pack validated against it: what the Agents layer runs on.
public struct PackBundle: Hashable, Sendable, Codable {
    public var domain: DomainPack
    public var tenant: TenantPolicyPack

    public init(domain: DomainPack, tenant: TenantPolicyPack) {
        self.domain = domain
        self.tenant = tenant
    }
}
