import Agents
import EventLog
import Foundation
import Packs
import TracewisePostgres
import TracewiseServer
import TracewiseSQLite

/// Opens the stores the options name: event logs, analysis results, exceptions, the job queue, connector cursors and
/// packs in PostgreSQL (`--postgres URL`, shared by every process behind a load balancer) or else in one SQLite
/// database in the data folder (`tracewise.sqlite`); approvals, audit chains and API keys as files in the data folder.
/// Packs an earlier version kept as files in the data folder (`packs/`) are copied into the database on start when
/// it does not hold them yet, so an upgrade loses none.
enum ServerStoreFactory {
    static func make(_ options: StoreOptions, keysOnly: Bool = false) async throws -> ServerStores {
        let root = URL(fileURLWithPath: options.data, isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var stores = ServerStores.inMemory()
        stores.keys = try FileAPIKeyStore(directory: root)
        if keysOnly { return stores }
        if let url = options.postgres {
            let database = try await PostgresStore(url: url)
            stores.logs = database
            stores.results = database
            stores.exceptions = database
            stores.jobs = database
            stores.sourceStates = database
            stores.packs = database
        } else {
            let database = try SQLiteStore(path: root.appendingPathComponent("tracewise.sqlite").path)
            stores.logs = database
            stores.results = database
            stores.exceptions = database
            stores.jobs = database
            stores.sourceStates = database
            stores.packs = database
        }
        try await FileSystemPackStore(root: root.appendingPathComponent("packs")).copyMissing(to: stores.packs)
        stores.approvals = try JSONLApprovalStore(directory: root.appendingPathComponent("approvals"))
        stores.audit = try DirectoryTenantAuditLog(directory: root.appendingPathComponent("audit"))
        return stores
    }
}
