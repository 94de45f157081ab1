import Foundation

/// A `PackStore` in memory, for tests and for hosts that load packs at start-up only.
public actor InMemoryPackStore: PackStore {
    private var documents: [PackStoreKey: Data] = [:]

    public init() {}

    public func write(_ data: Data, at key: PackStoreKey) async throws {
        documents[key] = data
    }

    public func replace(_ key: PackStoreKey, expecting expected: Data?, with data: Data) async throws -> Bool {
        guard documents[key] == expected else { return false }
        documents[key] = data
        return true
    }

    public func read(_ key: PackStoreKey) async throws -> Data? {
        documents[key]
    }

    public func versions(tenant: String, domain: String, kind: PackStoreKey.Kind) async throws -> [String] {
        documents.keys.filter { $0.tenant == tenant && $0.domain == domain && $0.kind == kind }.map(\.version)
    }

    public func domains(tenant: String) async throws -> [String] {
        Array(Set(documents.keys.filter { $0.tenant == tenant }.map(\.domain))).sorted()
    }
}
