import Foundation

/// One registered version of a domain pack or tenant policy pack, with how it has been used.
public struct PackVersionInfo: Hashable, Sendable, Codable {
    public var kind: PackKind
    public var version: SemanticVersion
    public var registeredAt: Date
    /// Whether the version is part of the active bundle.
    public var isActive: Bool
    /// How many times it has been activated (rollbacks included).
    public var activationCount: Int
    /// How many exceptions were processed with it (see `TenantPackRegistry.recordUsage`).
    public var usageCount: Int
    public var lastUsedAt: Date?
}

/// The versions that made up the active bundle at one time.
public struct PackActivation: Hashable, Sendable, Codable {
    public var domainVersion: SemanticVersion
    public var policyVersion: SemanticVersion
    public var activatedAt: Date
}
