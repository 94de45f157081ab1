import Foundation

/// What a registry remembers per tenant and domain; stored as the `state` document.
struct PackRegistryState: Codable, Sendable {
    struct VersionRecord: Codable, Sendable {
        var registeredAt: Date
        var activationCount = 0
        var usageCount = 0
        var lastUsedAt: Date?
    }

    var domainVersions: [String: VersionRecord] = [:]
    var policyVersions: [String: VersionRecord] = [:]
    /// Activations, oldest first; the last one is active.
    var history: [PackActivation] = []

    var active: PackActivation? { history.last }

    /// The usage a registry counted but has not stored yet, by the pair of versions that was active.
    struct PendingUsage: Sendable {
        var count = 0
        var lastUsedAt: Date?

        /// Adds `other`'s count and keeps the later use.
        mutating func merge(_ other: PendingUsage) {
            count += other.count
            lastUsedAt = PackRegistryState.later(lastUsedAt, other.lastUsedAt)
        }
    }

    /// A pair of versions, by their text (the state's keys).
    struct VersionPair: Hashable, Sendable {
        var domainVersion: String
        var policyVersion: String
    }

    /// The later of two optional dates.
    static func later(_ a: Date?, _ b: Date?) -> Date? {
        guard let a, let b else { return a ?? b }
        return max(a, b)
    }

    /// Adds `usage` to the versions' counts.
    mutating func apply(_ usage: [VersionPair: PendingUsage]) {
        for (pair, pending) in usage {
            domainVersions[pair.domainVersion]?.add(pending)
            policyVersions[pair.policyVersion]?.add(pending)
        }
    }
}

extension PackRegistryState.VersionRecord {
    fileprivate mutating func add(_ usage: PackRegistryState.PendingUsage) {
        usageCount += usage.count
        lastUsedAt = PackRegistryState.later(lastUsedAt, usage.lastUsedAt)
    }
}
