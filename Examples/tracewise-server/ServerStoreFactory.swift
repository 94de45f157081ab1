import Agents
import EventLog
import Foundation
import Packs
import TracewisePostgres
import TracewiseServer
import TracewiseSQLite

/// Opens the stores the options name: everything the service keeps — event logs, analysis results, exceptions, the
/// job queue, connector cursors, packs, approvals, the tenants' audit chains and API keys — in PostgreSQL
/// (`--postgres URL`, shared by every process behind a load balancer) or else in one SQLite database in the data
/// folder (`tracewise.sqlite`). What an earlier version kept as files in the data folder (`packs/`, `approvals/`,
/// `audit/`, `keys.json`) is copied into the database on start when the database does not hold it yet, so an
/// upgrade loses nothing; the files are not written afterwards (and `keys.json` is renamed once copied).
enum ServerStoreFactory {
    typealias Database = ServerStores.Database

    static func make(_ options: StoreOptions, keysOnly: Bool = false) async throws -> ServerStores {
        let root = URL(fileURLWithPath: options.data, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let database: any Database = if let url = options.postgres {
            try await PostgresStore(url: url)
        } else {
            try SQLiteStore(path: root.appendingPathComponent("tracewise.sqlite").path)
        }
        try await copyKeys(in: root, to: database)
        if keysOnly {
            var stores = ServerStores.inMemory()
            stores.keys = database
            return stores
        }
        try await copyFolders(in: root, to: database)
        return ServerStores(database: database)
    }

    /// Copies the keys of `keys.json` into `database`, then renames the file `keys.json.copied-to-database`: a key
    /// revoked in the database later must not come back from the file at the next start.
    private static func copyKeys(in root: URL, to database: any Database) async throws {
        let file = root.appendingPathComponent("keys.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        try await FileAPIKeyStore(directory: root).copyMissing(to: database)
        let copied = root.appendingPathComponent("keys.json.copied-to-database")
        try? FileManager.default.removeItem(at: copied)
        try FileManager.default.moveItem(at: file, to: copied)
    }

    /// Copies the packs, approvals and audit chains an earlier version kept as files into `database`, each only
    /// where the database holds none yet.
    private static func copyFolders(in root: URL, to database: any Database) async throws {
        let exists = { (name: String) in FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) }
        if exists("packs") { try await FileSystemPackStore(root: root.appendingPathComponent("packs")).copyMissing(to: database) }
        if exists("approvals") { try await JSONLApprovalStore(directory: root.appendingPathComponent("approvals")).copyMissing(to: database) }
        if exists("audit") { try await DirectoryTenantAuditLog(directory: root.appendingPathComponent("audit")).copyMissing(to: database) }
    }
}
