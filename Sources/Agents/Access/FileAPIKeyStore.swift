import Foundation
import Synchronization

/// Keeps API key records (hashes, never secrets) in one JSON file, `keys.json` in the service's data folder,
/// written atomically. A lookup that misses re-reads the file, so a key made by `tracewise-server keys create`
/// works in a server that is already running.
public final class FileAPIKeyStore: APIKeyStore {
    public let fileURL: URL
    private let cache = Mutex<[APIKeyRecord]>([])

    /// Opens (or creates) the store in `directory`.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        fileURL = directory.appendingPathComponent("keys.json")
        let loaded = try Self.load(fileURL)
        cache.withLock { $0 = loaded }
    }

    public func insert(_ record: APIKeyRecord) throws {
        try cache.withLock { records in
            var updated = try Self.load(fileURL)
            updated.append(record)
            try Self.save(updated, to: fileURL)
            records = updated
        }
    }

    public func record(secretHash: String) throws -> APIKeyRecord? {
        if let hit = cache.withLock({ $0.first { $0.secretHash == secretHash } }) { return hit }
        let reloaded = try Self.load(fileURL)
        cache.withLock { $0 = reloaded }
        return reloaded.first { $0.secretHash == secretHash }
    }

    public func records(tenant: String) throws -> [APIKeyRecord] {
        try Self.load(fileURL).filter { $0.tenant == tenant }.oldestFirst
    }

    public func delete(id: String, tenant: String) throws -> Bool {
        try cache.withLock { records in
            var updated = try Self.load(fileURL)
            guard let index = updated.firstIndex(where: { $0.id == id && $0.tenant == tenant }) else { return false }
            updated.remove(at: index)
            try Self.save(updated, to: fileURL)
            records = updated
            return true
        }
    }

    /// Inserts into `target` every key it does not hold (by tenant and id), hashes as they are: how a service that
    /// kept its keys in `keys.json` moves them into its database once, so every issued key keeps working. Returns
    /// the ids copied.
    @discardableResult
    public func copyMissing(to target: any APIKeyStore) async throws -> [String] {
        var copied: [String] = []
        let records = try Self.load(fileURL)
        for tenant in Set(records.map(\.tenant)).sorted() {
            let held = Set(try await target.records(tenant: tenant).map(\.id))
            for record in records where record.tenant == tenant && !held.contains(record.id) {
                try await target.insert(record)
                copied.append(record.id)
            }
        }
        return copied
    }

    private static func load(_ url: URL) throws -> [APIKeyRecord] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([APIKeyRecord].self, from: Data(contentsOf: url))
    }

    private static func save(_ records: [APIKeyRecord], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(records).write(to: url, options: [.atomic])
        chmod(url.path, 0o600)
    }
}
